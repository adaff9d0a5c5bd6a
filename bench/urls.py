from django.shortcuts import render
from django.urls import path

from toolbox_site.urls import urlpatterns as site_patterns


def trivial(request):
    """The yardstick: a Django view rendering a minimal template, no database."""
    return render(request, "bench/trivial.html", {"title": "Trivial"})


urlpatterns = [path("bench/trivial/", trivial, name="bench_trivial"), *site_patterns]

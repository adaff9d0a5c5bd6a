"""The site's URLs plus stand-ins for the parts later issues add, to test the menu."""

from django.http import HttpResponse
from django.urls import include, path

from toolbox_site.urls import urlpatterns as site_patterns


def part(request):
    return HttpResponse("")


urlpatterns = [
    path("criteria/", include(([path("", part, name="index")], "criteria"))),
    path("netwerk/", include(([path("", part, name="index")], "network"))),
    path("vind/", include(([path("", part, name="finder")], "network_finder"))),
    *site_patterns,
]

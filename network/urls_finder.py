"""The network app's URLs with the finder's: ``/netwerk/...`` (network.urls, the
network map) and ``/vind-een-clientondersteuner/``, all in the ``network``
namespace. The finder's ``/netwerk/...`` pages come before the map's
``<slug>/`` pattern so no municipality slug can hide them."""

from django.urls import include, path

from . import urls as network_urls
from . import views_finder, views_unmet_demand

app_name = "network"

urlpatterns = [
    path("vind-een-clientondersteuner/", views_finder.finder_view, name="finder"),
    path("netwerk/vraag-zonder-aanbod/", views_unmet_demand.unmet_demand_view, name="unmet_demand"),
    path(
        "netwerk/vraag-zonder-aanbod/export.csv",
        views_unmet_demand.unmet_demand_csv,
        name="unmet_demand_csv",
    ),
    path("netwerk/meldingen/", views_finder.report_queue, name="report_queue"),
    path("netwerk/meldingen/<int:pk>/afhandelen/", views_finder.report_close, name="report_close"),
    path(
        "netwerk/diensten/<int:pk>/klopt-er-iets-niet/",
        views_finder.report_create,
        name="report",
    ),
    path(
        "netwerk/diensten/<int:pk>/klopt-er-iets-niet/bedankt/",
        views_finder.report_thanks,
        name="report_thanks",
    ),
    path("netwerk/", include(network_urls.urlpatterns)),
]

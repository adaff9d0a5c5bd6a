"""The finder's URLs: ``/vind-een-clientondersteuner/`` for residents and the
``/netwerk/...`` pages about what residents report and do not find. The root
URLconf includes them before ``network.urls``, so no municipality slug of the
network map can hide them."""

from django.urls import path

from . import views, views_unmet_demand

app_name = "finder"

urlpatterns = [
    path("vind-een-clientondersteuner/", views.finder_view, name="index"),
    path("netwerk/vraag-zonder-aanbod/", views_unmet_demand.unmet_demand_view, name="unmet_demand"),
    path(
        "netwerk/vraag-zonder-aanbod/export.csv",
        views_unmet_demand.unmet_demand_csv,
        name="unmet_demand_csv",
    ),
    path("netwerk/meldingen/", views.report_queue, name="report_queue"),
    path("netwerk/meldingen/<int:pk>/afhandelen/", views.report_close, name="report_close"),
    path("netwerk/diensten/<int:pk>/klopt-er-iets-niet/", views.report_create, name="report"),
    path(
        "netwerk/diensten/<int:pk>/klopt-er-iets-niet/bedankt/",
        views.report_thanks,
        name="report_thanks",
    ),
]

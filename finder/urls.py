"""The finder's URLs: ``/vind-een-clientondersteuner/`` for residents and the
``/netwerk/...`` pages about what residents report and do not find. The root
URLconf includes them before ``network.urls``, so no municipality slug of the
network map can hide them."""

from django.urls import path

from .views import embed, reports, search, unmet_demand

app_name = "finder"

urlpatterns = [
    path("vind-een-clientondersteuner/", search.finder_view, name="index"),
    path(
        "vind-een-clientondersteuner/ingebed/<slug:slug>/",
        embed.embedded_finder,
        name="embedded",
    ),
    path("vind-een-clientondersteuner/ingebed.js", embed.host_script, name="embed_script"),
    path("netwerk/vinder-op-uw-website/<slug:slug>/", embed.embed_settings, name="embed_settings"),
    path("netwerk/vraag-zonder-aanbod/", unmet_demand.unmet_demand_view, name="unmet_demand"),
    path(
        "netwerk/vraag-zonder-aanbod/export.csv",
        unmet_demand.unmet_demand_csv,
        name="unmet_demand_csv",
    ),
    path("netwerk/meldingen/", reports.report_queue, name="report_queue"),
    path("netwerk/meldingen/<int:pk>/afhandelen/", reports.report_close, name="report_close"),
    path("netwerk/diensten/<int:pk>/klopt-er-iets-niet/", reports.report_create, name="report"),
    path(
        "netwerk/diensten/<int:pk>/klopt-er-iets-niet/bedankt/",
        reports.report_thanks,
        name="report_thanks",
    ),
]

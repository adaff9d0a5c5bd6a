"""The HSDS 3.0 open-data API, under /api/hsds/ (namespace ``hsds``)."""

from django.urls import path, re_path

from . import views as api

app_name = "hsds"

urlpatterns = [
    path("", api.index, name="index"),
    path("openapi.json", api.openapi, name="openapi"),
    path(api.DOWNLOAD_NAME, api.download, name="download"),
    path("services", api.services, name="services"),
    path("services/<str:id>", api.service_detail, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:id>", api.organization_detail, name="organization"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:id>",
        api.service_at_location_detail,
        name="service_at_location",
    ),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", api.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", api.taxonomy_term_detail, name="taxonomy_term"),
    re_path(r"^(?P<rest>.*)$", api.not_found, name="not_found"),
]

"""The HSDS 3.0 open-data API, under /api/hsds/ (namespace ``hsds``)."""

from django.urls import path, re_path

from . import views as api

app_name = "hsds"

urlpatterns = [
    path("", api.index, name="index"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:id>", api.service_detail, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:id>", api.organization_detail, name="organization"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    re_path(r"^(?P<rest>.*)$", api.not_found, name="not_found"),
]

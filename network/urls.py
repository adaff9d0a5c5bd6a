from django.urls import path

from .views import links, overview, service_forms, service_pages, steps, transfer

app_name = "network"

urlpatterns = [
    path("", overview.index, name="index"),
    path("rollen/", steps.roles, name="roles"),
    path("stappenplan/", steps.step_plan, name="step_plan"),
    path("diensten/<int:pk>/", service_pages.service_detail, name="service_detail"),
    path("diensten/<int:pk>/bewerken/", service_forms.service_edit, name="service_edit"),
    path("diensten/<int:pk>/archiveren/", service_forms.service_archive, name="service_archive"),
    path(
        "diensten/<int:pk>/terugzetten/", service_forms.service_unarchive, name="service_unarchive"
    ),
    path("diensten/<int:pk>/gecontroleerd/", service_forms.service_verify, name="service_verify"),
    path("verbindingen/<int:pk>/bewerken/", links.link_edit, name="link_edit"),
    path("verbindingen/<int:pk>/verwijderen/", links.link_delete, name="link_delete"),
    path("beheer/<slug:slug>/", service_pages.organization_services, name="organization"),
    path("beheer/<slug:slug>/diensten/nieuw/", service_forms.service_create, name="service_create"),
    path(
        "beheer/<slug:slug>/exporteren/<str:file_format>/",
        transfer.export_services,
        name="export",
    ),
    path("beheer/<slug:slug>/importeren/", transfer.import_upload, name="import"),
    path(
        "beheer/<slug:slug>/importeren/<uuid:uuid>/",
        transfer.import_confirm,
        name="import_confirm",
    ),
    path("<slug:slug>/", overview.network_map, name="map"),
    path("<slug:slug>/verbindingen/nieuw/", links.link_create, name="link_create"),
    path("<slug:slug>/stappenplan/", steps.municipality_steps, name="municipality_steps"),
    path(
        "<slug:slug>/stappenplan/<int:number>/",
        steps.step_progress_edit,
        name="step_progress_edit",
    ),
]

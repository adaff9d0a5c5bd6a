from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("rollen/", views.roles, name="roles"),
    path("stappenplan/", views.step_plan, name="step_plan"),
    path("diensten/<int:pk>/", views.service_detail, name="service_detail"),
    path("diensten/<int:pk>/bewerken/", views.service_edit, name="service_edit"),
    path("diensten/<int:pk>/archiveren/", views.service_archive, name="service_archive"),
    path("diensten/<int:pk>/terugzetten/", views.service_unarchive, name="service_unarchive"),
    path("diensten/<int:pk>/gecontroleerd/", views.service_verify, name="service_verify"),
    path("verbindingen/<int:pk>/bewerken/", views.link_edit, name="link_edit"),
    path("verbindingen/<int:pk>/verwijderen/", views.link_delete, name="link_delete"),
    path("beheer/<slug:slug>/", views.organization_services, name="organization"),
    path("beheer/<slug:slug>/diensten/nieuw/", views.service_create, name="service_create"),
    path(
        "beheer/<slug:slug>/exporteren/<str:file_format>/",
        views.export_services,
        name="export",
    ),
    path("beheer/<slug:slug>/importeren/", views.import_upload, name="import"),
    path(
        "beheer/<slug:slug>/importeren/<uuid:uuid>/",
        views.import_confirm,
        name="import_confirm",
    ),
    path("<slug:slug>/", views.network_map, name="map"),
    path("<slug:slug>/verbindingen/nieuw/", views.link_create, name="link_create"),
    path("<slug:slug>/stappenplan/", views.municipality_steps, name="municipality_steps"),
    path(
        "<slug:slug>/stappenplan/<int:number>/",
        views.step_progress_edit,
        name="step_progress_edit",
    ),
]

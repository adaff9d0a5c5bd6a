from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/contactpersonen/nieuw/", views.contact_create, name="contact_create"),
    path("<slug:slug>/contactpersonen/<int:pk>/bewerken/", views.contact_edit, name="contact_edit"),
    path(
        "<slug:slug>/contactpersonen/<int:pk>/verwijderen/",
        views.contact_remove,
        name="contact_remove",
    ),
]

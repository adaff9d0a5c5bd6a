from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/publiceren/", views.publish, name="publish"),
    path("<slug:slug>/depubliceren/", views.unpublish, name="unpublish"),
]

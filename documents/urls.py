from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    # Before <slug>/: "nieuw" is no document.
    path("nieuw/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/bestand/", views.download, name="download"),
    path("<slug:slug>/bestand/<int:number>/", views.download, name="version"),
    path("<slug:slug>/bewerken/", views.edit, name="edit"),
    path("<slug:slug>/vervangen/", views.replace, name="replace"),
    path("<slug:slug>/publiceren/", views.publish, name="publish"),
    path("<slug:slug>/depubliceren/", views.unpublish, name="unpublish"),
]

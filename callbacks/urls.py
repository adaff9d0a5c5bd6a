from django.urls import path

from . import views

app_name = "callbacks"

urlpatterns = [
    path("bel-mij-terug/", views.create, name="create"),
    path("bel-mij-terug/bedankt/", views.thanks, name="thanks"),
    path("terugbellen/", views.queue, name="queue"),
    path("terugbellen/<int:pk>/status/", views.mark, name="mark"),
]

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.trainings, name="index"),
    path("<slug:slug>/", views.training_detail, name="detail"),
]

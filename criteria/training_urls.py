from django.urls import path

from .views import training

app_name = "training"

urlpatterns = [
    path("", training.trainings, name="index"),
    path("<slug:slug>/", training.training_detail, name="detail"),
]

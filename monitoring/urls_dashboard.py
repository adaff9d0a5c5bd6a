"""The dashboard pages, included from ``monitoring/urls.py`` (namespace ``monitoring``)."""

from django.urls import path

from . import views_dashboard

urlpatterns = [
    path("volledigheid/", views_dashboard.completeness, name="completeness"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("dashboard/mijn-gemeente/", views_dashboard.own_view, name="own"),
    path("openbaar/", views_dashboard.public_dashboard, name="public"),
]

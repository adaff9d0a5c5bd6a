from django.urls import include, path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("starten/", views.start, name="start"),
    path("rapportages/<int:pk>/", views.report_detail, name="report"),
    path("rapportages/<int:pk>/goedkeuren/", views.approve, name="approve"),
    path("rapportages/<int:pk>/terugsturen/", views.return_report, name="return"),
    path("rapportages/<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("rapportages/<int:pk>/download/", views.download, name="download"),
    path("rapportages/<int:pk>/upload/", views.upload, name="upload"),
    path("", include("monitoring.urls_dashboard")),
]

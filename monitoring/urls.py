from django.urls import path

from .views import completeness, dashboard, overview, own, report, review, transfer

app_name = "monitoring"

urlpatterns = [
    path("", overview.index, name="index"),
    path("starten/", overview.start, name="start"),
    path("rapportages/<int:pk>/", report.report_detail, name="report"),
    path("rapportages/<int:pk>/goedkeuren/", review.approve, name="approve"),
    path("rapportages/<int:pk>/terugsturen/", review.return_report, name="return"),
    path("rapportages/<int:pk>/heropenen/", review.reopen, name="reopen"),
    path("rapportages/<int:pk>/download/", transfer.download, name="download"),
    path("rapportages/<int:pk>/upload/", transfer.upload, name="upload"),
    path("volledigheid/", completeness.completeness, name="completeness"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/mijn-gemeente/", own.own_view, name="own"),
    path("openbaar/", dashboard.public_dashboard, name="public"),
]

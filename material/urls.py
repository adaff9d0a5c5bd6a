from django.urls import path, re_path

from . import views

app_name = "material"
urlpatterns = [
    path("", views.preview, name="preview"),
    path("qr.svg", views.qr_code, name="qr"),
    re_path(r"^(?P<item>[a-z]+)-(?P<language>[a-z]{2})\.pdf$", views.download, name="download"),
]

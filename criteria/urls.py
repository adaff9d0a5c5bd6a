from django.urls import path, register_converter

from . import views
from .models import CODE_PATTERN

app_name = "criteria"


class CodeConverter:
    """A criterion code such as ``ON-2``; anything else does not route (404)."""

    regex = CODE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CodeConverter, "criterion_code")

urlpatterns = [
    path("", views.index, name="index"),
    path("gespreksleidraad/", views.guide, name="guide"),
    path("afspraken/", views.matrix, name="matrix"),
    path("afspraken/<slug:slug>/", views.agreements, name="agreements"),
    path("<criterion_code:code>/", views.detail, name="detail"),
]

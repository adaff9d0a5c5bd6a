from django.urls import path, register_converter

from .models import CODE_PATTERN
from .views import agreements, framework, matrix

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
    path("", framework.index, name="index"),
    path("gespreksleidraad/", framework.guide, name="guide"),
    path("afspraken/", matrix.matrix, name="matrix"),
    path("afspraken/<slug:slug>/", agreements.agreements, name="agreements"),
    path("<criterion_code:code>/", framework.detail, name="detail"),
]

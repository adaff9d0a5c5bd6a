from django.contrib import admin

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    """National terms: the region coordinators keep them (glossary/rules.py)."""

    list_display = ["name", "name_en", "also"]
    search_fields = ["name", "name_en", "also", "explanation"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "also", "explanation", "name_en", "explanation_en"]

from django import forms


class Select(forms.Select):
    """Django's select, its options written in one template loop rather than one
    included template per option: the same markup, a fraction of the time for long
    lists (the providers of a region, the services of a municipality). Named like
    Django's, so crispy-forms gives it the same CSS class."""

    template_name = "network/widgets/select.html"

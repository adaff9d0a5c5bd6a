import phonenumbers
from django import template

register = template.Library()


@register.filter
def national_phone(value):
    """A stored E.164 number as Dutch callers write it (``06 12345678``)."""
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

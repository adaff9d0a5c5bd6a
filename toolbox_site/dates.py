"""Dates and times for people: always Europe/Amsterdam, always one format.

Templates use ``|date`` (``DATE_FORMAT``) and ``|date:"DATETIME_FORMAT"``; the template
filter converts aware date-times to the local time zone itself. Python code that builds a
sentence (messages, mails, conflict notes) uses these helpers: ``date_format`` alone does
not convert, so a report submitted at 23:30 UTC would show the previous day.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format


def local(value):
    """An aware date-time in the current (Amsterdam) time zone; other values unchanged."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def show_date(value, empty=""):
    """ "5 december 2026" for a date or date-time (the Amsterdam date of a date-time)."""
    if value is None or value == "":
        return empty
    value = local(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    return date_format(value, "DATE_FORMAT")


def show_datetime(value, empty=""):
    """ "5 december 2026 00:19" for a date-time, in Amsterdam time."""
    if value is None or value == "":
        return empty
    return date_format(local(value), "DATETIME_FORMAT")


def show_month(value):
    """ "december 2026"."""
    return date_format(local(value), "YEAR_MONTH_FORMAT")

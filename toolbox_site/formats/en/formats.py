# One way to show a date and a time on the whole site, in mails and in exports:
# "5 december 2026" and "5 december 2026 00:19" (month names in full, 24-hour clock).
# Python code formats through toolbox_site.dates, which converts to Europe/Amsterdam first.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"

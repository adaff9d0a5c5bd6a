"""Django admin messages that our Dutch catalogue words differently.

Django's Dutch catalogue puts "De" before every model name ("De criterium 'ON-1' is
met succes gewijzigd."), which is wrong for every "het" word. The project catalogue
(``locale/nl``, which comes before Django's own in ``LOCALE_PATHS``) translates these
msgids without an article. They are listed here so that makemessages keeps them.
"""

from django.utils.translation import gettext_noop

ADMIN_MESSAGES = [
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
]

# django-axes (login attempts) has no Dutch catalogue: its model names for the admin.
AXES_NAMES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
]

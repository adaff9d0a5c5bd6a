"""What needs doing, on each user's start page (``/mijn-toolbox/``).

The core knows no pillar: each app adds a function in its ``AppConfig.ready``::

    todo.add(section_of_user, order=10)

which takes the user and returns a :class:`Section` (None when the app has nothing
for this user at all, such as monitoring for who belongs to no reporting
organization). A section with no items says its ``done`` text, so "nothing to do" is
said as clearly as what is.

What is new since the user's previous visit (documents, practice examples) comes in one
section of its own: an app adds ``todo.add_news(new_things, order=10)``, a function of
the user and the moment since when things count as new (toolbox_site/visits.py) that
returns the :class:`Item` s the user may see, newest first.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .dates import show_date

# At most this many lines a section; the rest is behind the section's ``more`` link.
MAX_ITEMS = 8


@dataclass(frozen=True)
class Item:
    text: str  # what to do, as a sentence
    url: str  # where to do it
    detail: str = ""  # a deadline, a date
    urgent: bool = False  # past a deadline, or for residents waiting


@dataclass(frozen=True)
class Section:
    title: str
    done: str  # what the section says when there is nothing to do
    items: list = field(default_factory=list)
    more_url: str = ""  # the page with every line, when there are more than MAX_ITEMS

    @property
    def shown(self):
        return self.items[:MAX_ITEMS]

    @property
    def hidden(self):
        return max(0, len(self.items) - MAX_ITEMS)

    @property
    def more_text(self):
        """The words of the ``more_url`` link."""
        return ngettext("And one more", "And %(counter)s more", self.hidden) % {
            "counter": self.hidden
        }


_providers = []


def add(provider, order):
    """Show ``provider(user)``'s section on the start page, sections by ``order``."""
    if all(existing is not provider for _order, existing in _providers):
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])


def sections(user):
    """The sections of what ``user`` has to do, in order."""
    found = (provider(user) for _order, provider in _providers)
    return [section for section in found if section is not None]


_news = []


def add_news(provider, order):
    """Add ``provider(user, since)``'s items to the start page's "new since your last
    visit", in ``order``."""
    if all(existing is not provider for _order, existing in _news):
        _news.append((order, provider))
        _news.sort(key=lambda pair: pair[0])


def news(user, since):
    """The section of what is new for ``user`` since ``since`` (None when no app adds
    news)."""
    if not _news:
        return None
    items = [item for _order, provider in _news for item in provider(user, since)]
    return Section(
        _("New since your last visit"),
        _("Nothing new since your last visit on %(date)s.") % {"date": show_date(since)},
        items,
    )

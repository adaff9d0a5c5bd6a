"""Tables sorted without JavaScript: each column heading is a link that sorts by it
(``?sorteer=<key>``, again for the other direction: ``-<key>``)."""

from dataclasses import dataclass

SORT_PARAMETER = "sorteer"


@dataclass(frozen=True)
class Header:
    key: str
    label: str
    current: bool  # the table is sorted by this column
    aria_sort: str  # "ascending", "descending" or "" (the attribute of the heading cell)
    next: str  # the sort its link asks for


def chosen_sort(request, keys, default):
    """The sort asked for in the address, when it names a column; else ``default``."""
    sort = request.GET.get(SORT_PARAMETER, default)
    return sort if sort.removeprefix("-") in keys else default


def headers(columns, sort):
    """The headings of ``columns`` (``(key, label)`` pairs) for a table sorted by ``sort``."""
    key = sort.removeprefix("-")
    found = []
    for column, label in columns:
        current = key == column
        descending = current and sort.startswith("-")
        found.append(
            Header(
                key=column,
                label=label,
                current=current,
                aria_sort=("descending" if descending else "ascending") if current else "",
                next=f"-{column}" if current and not descending else column,
            )
        )
    return found


def sort_rows(rows, sort, keys):
    """``rows`` sorted in place by ``keys[<column>](row)``, descending for ``-<column>``."""
    rows.sort(key=keys[sort.removeprefix("-")], reverse=sort.startswith("-"))
    return rows

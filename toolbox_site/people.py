"""How a person is named on pages, in messages, e-mails and histories: one rule."""


def display_name(user, default=""):
    """The user's full name, or else their username; ``default`` when there is no user."""
    if user is None:
        return default
    return user.get_full_name() or user.get_username()


def display_name_of(username, first_name, last_name, default=""):
    """:func:`display_name` from the columns (a list read as tuples); ``default`` when
    there is no user (no username)."""
    if not username:
        return default
    return f"{first_name} {last_name}".strip() or username

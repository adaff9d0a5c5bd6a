"""How a person is named on pages, in messages, e-mails and histories: one rule."""


def display_name(user, default=""):
    """The user's full name, or else their username; ``default`` when there is no user."""
    if user is None:
        return default
    return user.get_full_name() or user.get_username()

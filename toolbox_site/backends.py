"""Django's model backend, reading a logged-in visitor and their access in one query.

Every logged-in request needs the user (the session names them) and their
memberships (toolbox_site/access.py: what they may see and change). The session
engine (toolbox_site/sessions.py) reads the account and its memberships with the
session, one row per membership, and hands them over here; without them this
backend reads them in one query. The access is kept on the user object, so a
request starts with one query. Nothing is kept between requests: a changed
membership or a deactivated account shows at the next request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .access import access_from_rows
from .sessions import account_columns, account_fields, account_rows


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        fields = account_fields()
        rows = account_rows(user_id)
        if rows is None:
            users = User._default_manager.filter(pk=user_id)
            rows = list(users.values_list(*account_columns()))
        if not rows:
            return None
        user = User.from_db(User._default_manager.db, fields, rows[0][: len(fields)])
        user._toolbox_access = access_from_rows(
            row[len(fields) :] for row in rows if row[len(fields)] is not None
        )
        return user if self.user_can_authenticate(user) else None

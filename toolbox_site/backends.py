"""Django's model backend, reading a logged-in visitor and their access in one query.

Every logged-in request needs the user (the session names them) and their
memberships (toolbox_site/access.py: what they may see and change). Django's
backend reads the user; this one reads the user joined with their memberships, one
row per membership, and keeps the access on the user object, so a request starts
with two queries (the session, this) instead of three. Nothing is kept between
requests: a changed membership or a deactivated account shows at the next request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .access import MEMBERSHIP_FIELDS, access_from_rows


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        fields = [field.attname for field in User._meta.concrete_fields]
        users = User._default_manager.filter(pk=user_id)
        joined = [f"memberships__{name}" for name in MEMBERSHIP_FIELDS]
        rows = list(users.values_list(*fields, *joined))
        if not rows:
            return None
        user = User.from_db(users.db, fields, rows[0][: len(fields)])
        user._toolbox_access = access_from_rows(
            row[len(fields) :] for row in rows if row[len(fields)] is not None
        )
        return user if self.user_can_authenticate(user) else None

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """One-time links for invited colleagues to choose their first password.

    The password-reset machinery with its own salt (a reset link is no
    invitation and the other way round) and its own, longer validity
    (``INVITATION_TIMEOUT_DAYS``): an invitation may wait a few days in a
    mailbox. Like a reset link it stops working once a password is set.
    """

    key_salt = "toolbox_site.tokens.InvitationTokenGenerator"

    @property
    def timeout(self):
        return settings.INVITATION_TIMEOUT_DAYS * 24 * 60 * 60

    def check_token(self, user, token):
        # Django's check, with this generator's timeout instead of PASSWORD_RESET_TIMEOUT.
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(
                self._make_token_with_timestamp(user, timestamp, secret), token
            ):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - timestamp) <= self.timeout


invitation_token_generator = InvitationTokenGenerator()

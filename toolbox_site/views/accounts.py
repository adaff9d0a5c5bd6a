"""A user's own account: the overview of their organizations, their details, and
passwords (change, forgotten, reset)."""

import logging

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..forms import (
    ChangePasswordForm,
    ProfileForm,
    ResetPasswordForm,
)
from ..models import Membership
from ..permissions import can_change, is_region_coordinator
from ..security import client_ip, over_limit

logger = logging.getLogger(__name__)


def after_response(response, func):
    """Run ``func`` once the response has been sent (when the server closes it).

    Work whose duration depends on secret facts (such as whether an address has
    an account) then no longer shows in the response time. It runs in the
    language of the request.
    """
    language = translation.get_language()

    def run():
        try:
            with translation.override(language):
                func()
        except Exception:  # the visitor already has the answer; log and go on
            logger.exception("Work after the response failed")

    response._resource_closers.append(run)
    return response


@require_safe
@login_required
def account(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organization", "organization__region")
        .order_by("organization__name")
    )
    rows = [
        {
            "membership": membership,
            "can_change": can_change(request.user, membership.organization),
        }
        for membership in memberships
    ]
    return render(
        request,
        "toolbox_site/account.html",
        {
            "rows": rows,
            "may_audit": is_region_coordinator(request.user),
            "breadcrumbs": [(_("My account"), None)],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        email_changed = form.email_changed
        with transaction.atomic():
            form.save()
        if email_changed and form.old_email:
            notify_old_address(request, form.old_email, form.instance)
        messages.success(request, _("Your details have been saved."))
        return redirect("account")
    return render(
        request,
        "toolbox_site/profile_form.html",
        {
            "form": form,
            "breadcrumbs": [(_("My account"), reverse("account")), (_("My details"), None)],
        },
    )


def notify_old_address(request, old_email, user):
    """Tell the old address that the account's e-mail address was changed."""
    context = {
        "user": user,
        "new_email": user.email,
        "site_url": settings.SITE_URL,
        "contact_email": settings.CONTACT_EMAIL,
    }
    send_mail(
        render_to_string("registration/email_changed_subject.txt", context).strip(),
        render_to_string("registration/email_changed_email.txt", context),
        None,
        [old_email],
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; a wrong old password counts as a failed login."""

    form_class = ChangePasswordForm
    http_method_names = ["get", "head", "post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetView(auth_views.PasswordResetView):
    """Password reset that reveals nothing by its timing and cannot be used to flood a mailbox.

    The mail is sent after the response, and at most
    ``PASSWORD_RESET_LIMIT_PER_ADDRESS`` mails per address and
    ``PASSWORD_RESET_LIMIT_PER_CLIENT`` requests per client leave per hour.
    The visitor always gets the same answer.
    """

    form_class = ResetPasswordForm
    http_method_names = ["get", "head", "post"]

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        hour = 60 * 60
        client_limited = over_limit(
            f"reset:client:{client_ip(self.request)}",
            settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            hour,
        )
        address_limited = over_limit(
            f"reset:address:{email}", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS, hour
        )
        response = HttpResponseRedirect(self.get_success_url())
        if client_limited or address_limited:
            logger.warning("Password reset limit reached")
            return response
        form.save(
            use_https=self.request.is_secure(),
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            html_email_template_name=self.html_email_template_name,
            extra_email_context=self.extra_email_context,
        )
        return after_response(response, form.send_collected)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A completed reset also lifts a lockout (the lockout page points here)."""

    http_method_names = ["get", "head", "post"]

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockout(username=form.user.get_username())
        return response

"""An organization's details and inviting colleagues into it (with the page
where an invitation is accepted)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..audit import changes_of, log_action
from ..audit_trail import trail_url
from ..forms import (
    InvitationForm,
    OrganizationContactForm,
)
from ..models import Membership, Organization
from ..people import display_name
from ..permissions import get_object_for_user
from ..tokens import invitation_token_generator
from .accounts import PasswordResetConfirmView


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def organization_edit(request, slug):
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), write=True, slug=slug
    )
    form = OrganizationContactForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.has_changed():
                log_action(
                    request.user,
                    organization,
                    "toolbox_site.organization.changed",
                    {"changes": changes_of(form)},
                )
        messages.success(
            request,
            _("The contact details of %(name)s have been saved.") % {"name": organization.name},
        )
        return redirect("account")
    return render(
        request,
        "toolbox_site/organization_form.html",
        {
            "organization": organization,
            "form": form,
            "trail_url": trail_url(request.user, organization, organisatie=organization.pk),
            "breadcrumbs": [
                (_("My account"), reverse("account")),
                (organization.name, None),
            ],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def organization_invite(request, slug):
    """A coordinator brings in a new colleague: account, membership and an invitation mail."""
    organization = get_object_for_user(
        request.user, Organization.objects.select_related("region"), write=True, slug=slug
    )
    if not request.user.has_perm("toolbox_site.invite_member", organization):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model()(
                username=data["email"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
            user.set_unusable_password()
            user.save()
            membership = Membership.objects.create(
                user=user, organization=organization, role=data["role"]
            )
            log_action(
                request.user,
                membership,
                "toolbox_site.membership.invited",
                {"user": user.pk, "username": user.username, "role": membership.role},
            )
        send_invitation(request, user, organization)
        messages.success(
            request,
            _("%(name)s has been invited. The invitation is valid for %(days)d days.")
            % {"name": user.get_full_name(), "days": settings.INVITATION_TIMEOUT_DAYS},
        )
        return redirect("organization_invite", slug=organization.slug)
    return render(
        request,
        "toolbox_site/invite_form.html",
        {
            "organization": organization,
            "form": form,
            "days": settings.INVITATION_TIMEOUT_DAYS,
            "breadcrumbs": [
                (_("My account"), reverse("account")),
                (organization.name, None),
            ],
        },
    )


def send_invitation(request, user, organization):
    context = {
        "user": user,
        "organization": organization,
        "inviter": display_name(request.user),
        "days": settings.INVITATION_TIMEOUT_DAYS,
        "link": request.build_absolute_uri(
            reverse(
                "invitation_accept",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": invitation_token_generator.make_token(user),
                },
            )
        ),
    }
    send_mail(
        render_to_string("registration/invitation_subject.txt", context).strip(),
        render_to_string("registration/invitation_email.txt", context),
        None,
        [user.email],
    )


class InvitationAcceptView(PasswordResetConfirmView):
    """The invitee chooses a first password through the one-time link."""

    token_generator = invitation_token_generator
    reset_url_token = "nieuw-wachtwoord"
    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("password_reset_complete")

import logging

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import connection, transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from finder.services import life_situations

from . import freshness
from .audit import changes_of, log_action
from .context_processors import resolve_or_none
from .forms import (
    ChangePasswordForm,
    InvitationForm,
    OrganizationContactForm,
    ProfileForm,
    ResetPasswordForm,
)
from .models import Membership, Organization
from .people import display_name
from .permissions import can_change, get_object_for_user
from .security import client_ip, over_limit
from .tokens import invitation_token_generator

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


def bad_request(request, exception):
    """400: the site's page, or a JSON error for the open-data API under /api/."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"status": 400, "message": "Bad request: characters that are not allowed."}},
            status=400,
        )
        response["Access-Control-Allow-Origin"] = "*"
        return response
    return defaults.bad_request(request, exception)


@require_safe
def home(request):
    links = {
        "criteria": resolve_or_none("criteria:index"),
        "network": resolve_or_none("network:index"),
        "finder": resolve_or_none("finder:index"),
        "public_dashboard": resolve_or_none("monitoring:public"),
    }
    # The residents' block: municipality and situation, sent straight to the finder's
    # results (or, without a finder, the municipalities' websites).
    municipalities = Organization.objects.municipalities().only("name", "slug", "website")
    situations = ()
    if links["finder"]:
        situations = life_situations(freshness.versions("finder", "network", "toolbox_site"))
    return render(
        request,
        "toolbox_site/home.html",
        {"links": links, "municipalities": municipalities, "situations": situations},
    )


@require_safe
def accessibility(request):
    return render(
        request,
        "toolbox_site/accessibility.html",
        {"breadcrumbs": [(_("Accessibility"), None)]},
    )


@require_safe
def privacy(request):
    return render(
        request,
        "toolbox_site/privacy.html",
        {
            "breadcrumbs": [(_("Privacy"), None)],
            "report_text_days": settings.REPORT_TEXT_RETENTION_DAYS,
        },
    )


@require_safe
@never_cache
def switch_language(request, code):
    """The header's language links: ``/taal/<code>/?next=<path>``.

    A plain link rather than a form, so no page needs a CSRF token (and cookie)
    for it: a public page sets no cookie until the visitor chooses a language
    here. The language cookie is set only when ``next`` stays on this site;
    otherwise the visitor goes to the home page and nothing is set. The worst
    a forged link can do is switch a visitor's language.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = HttpResponseRedirect(target if safe else reverse("home"))
    if safe:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def database_is_healthy(conn):
    """True when the database answers and, on SQLite, would accept a write.

    ``SELECT 1`` touches no file on SQLite, so a database locked by a stuck
    writer looked healthy; ``BEGIN IMMEDIATE`` asks for the write lock (and
    gives it back at once), waiting at most a second.
    """
    try:
        with conn.cursor() as cursor:
            if conn.vendor == "sqlite" and not conn.in_atomic_block:
                cursor.execute("PRAGMA busy_timeout")
                (timeout,) = cursor.fetchone()
                cursor.execute("PRAGMA busy_timeout = 1000")
                try:
                    cursor.execute("BEGIN IMMEDIATE")
                    cursor.execute("ROLLBACK")
                finally:
                    cursor.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            else:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception:  # any database failure means: not healthy
        return False
    return True


@require_safe
@never_cache
def healthz(request):
    """Liveness and database check for the load balancer (GET or HEAD)."""
    if not database_is_healthy(connection):
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def favicon(request):
    """Browsers (and the admin's pages) ask for /favicon.ico; the icon is a static SVG."""
    return redirect(static("favicon.svg"), permanent=True)


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
        {"rows": rows, "breadcrumbs": [(_("My account"), None)]},
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
            "breadcrumbs": [
                (_("My account"), reverse("account")),
                (organization.name, None),
            ],
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

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from .forms import LoginForm
from .views import accounts, audit, organizations, pages, start

account_patterns = [
    path("", accounts.account, name="account"),
    path("gegevens/", accounts.profile_edit, name="profile_edit"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-wijzigen/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord-wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("wachtwoord-vergeten/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "uitnodiging/<uidb64>/<token>/",
        organizations.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# Bad requests (e.g. a NUL character) get the site's 400 page, or JSON under /api/.
handler400 = "toolbox_site.views.pages.bad_request"

urlpatterns = [
    path("", pages.home, name="home"),
    path("toegankelijkheid/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("healthz", pages.healthz, name="healthz"),
    path("favicon.ico", pages.favicon),
    path("accounts/", include(account_patterns)),
    path("mijn-toolbox/", start.my_toolbox, name="my_toolbox"),
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("begrippen/", include("glossary.urls")),
    path("gemeenten/<slug:slug>/materiaal/", include("material.urls")),
    path("gemeenten/", include("municipalities.urls")),
    path("documenten/", include("documents.urls")),
    path("zoeken/", include("search.urls")),
    path("praktijk/", include("practice.urls")),
    path("", include("callbacks.urls")),
    path(
        "organisaties/<slug:slug>/bewerken/",
        organizations.organization_edit,
        name="organization_edit",
    ),
    path(
        "organisaties/<slug:slug>/uitnodigen/",
        organizations.organization_invite,
        name="organization_invite",
    ),
    path("criteria/", include("criteria.urls")),
    path("scholing/", include("criteria.training_urls")),
    # The finder's /netwerk/... pages first: the network map's <slug>/ would match them.
    path("", include("finder.urls")),
    path("netwerk/", include("network.urls")),
    path("api/hsds/", include("network.hsds.urls")),
    # The header's language links (GET): public pages need no CSRF cookie for them.
    path("taal/<str:code>/", pages.switch_language, name="switch_language"),
    path("monitoring/", include("monitoring.urls")),
    # The admin's own password change does not count wrong old passwords; ours does.
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="password_change", permanent=False),
    ),
    # The finder's models were kept under the network app until they became an app
    # of their own: bookmarks of their old admin pages lead to the new ones.
    re_path(
        r"^admin/network/(?P<rest>(?:lifesituation|servicereport|findersearch)/.*)$",
        RedirectView.as_view(url="/admin/finder/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
]

# No route serves MEDIA_ROOT, not even in development: kept files (documents) are
# served by views that check who may read them.

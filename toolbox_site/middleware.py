from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseNotAllowed
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# What a browser needs from this site; everything else is refused with 405.
ALLOWED_METHODS = ("GET", "HEAD", "POST")
# The open-data API also answers browsers' CORS preflights (network/hsds/http.py).
API_PREFIX = "/api/"
API_METHODS = ("GET", "HEAD", "OPTIONS")

# Features the site never uses, switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


class ResponseHeadersMiddleware:
    """The outermost layer: headers every response gets, also error pages made early.

    - only GET, HEAD and POST reach a view (no TRACE or OPTIONS echoing a page),
      and OPTIONS under /api/ (the open-data API's CORS preflight);
    - ``Permissions-Policy`` switches off the browser features the site never uses;
    - a response to a visitor with a session (a logged-in member) is never
      stored by a shared cache: ``Cache-Control: private, no-store``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = ALLOWED_METHODS
        if request.path_info.startswith(API_PREFIX) and request.method == "OPTIONS":
            allowed = API_METHODS
        if request.method not in allowed:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
        else:
            response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        personal = self.has_session(request) or settings.SESSION_COOKIE_NAME in response.cookies
        if personal and not request.path_info.startswith(settings.STATIC_URL):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def has_session(request):
        return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


class BadInput(SuspiciousOperation):
    """A NUL character (or another control character) where none belongs: answered with 400."""


def has_nul(value):
    return "\x00" in value


def has_control_character(value):
    return any(ord(char) < 32 or ord(char) == 127 for char in value)


class RejectBadInputMiddleware:
    """Refuse NUL characters before they reach the database, once for the whole site.

    PostgreSQL cannot store or even compare a text with a NUL character, so a
    ``%00`` in a query parameter, a form field, a header, the path or the
    session cookie would end in a 500. Such a request gets 400; a cookie with a NUL or another
    control character is dropped (the visitor simply has no session).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        dropped = []
        for name, value in list(request.COOKIES.items()):
            if has_control_character(name) or has_control_character(value):
                del request.COOKIES[name]
                dropped.append(name)
        if has_control_character(request.path_info):
            raise BadInput("A control character in the path.")
        # django-axes stores the User-Agent and Accept headers of a failed login.
        for key, value in request.META.items():
            if key.startswith("HTTP_") and key != "HTTP_COOKIE" and has_nul(str(value)):
                raise BadInput(f"A NUL character in the {key} header.")
        self.check(request.GET, "query string")
        if request.method == "POST":
            self.check(request.POST, "form data")
            for name, upload in request.FILES.items():
                if has_nul(name) or has_nul(upload.name or ""):
                    raise BadInput("A NUL character in an uploaded file's name.")
        response = self.get_response(request)
        for name in dropped:
            # The browser forgets the bad cookie, so the next request is clean.
            if name not in response.cookies and not has_control_character(name):
                response.delete_cookie(name)
        return response

    @staticmethod
    def check(querydict, where):
        for key, values in querydict.lists():
            if has_nul(key) or any(has_nul(value) for value in values):
                raise BadInput(f"A NUL character in the {where}.")


class LanguageMiddleware:
    """Dutch for everyone, unless the visitor chose another language in the header.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Dutch professionals use an English browser and still expect the Dutch
    toolbox. The choice made with the language switch is kept in a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

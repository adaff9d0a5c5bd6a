"""Helpers for login throttling (django-axes) and rate limits.

django-axes reads the client address through ``AXES_CLIENT_IP_CALLABLE``; without
django-ipware it would use ``REMOTE_ADDR``, which behind a proxy is the proxy:
then five wrong passwords from anywhere would lock a user out for everyone.
"""

import ipaddress

from django.conf import settings
from django.core.cache import caches

# The lockout record's username column holds 255 characters.
AXES_USERNAME_LENGTH = 255


def valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The visitor's address, with ``PROXY_COUNT`` trusted proxies in front.

    Each trusted proxy appends the address it received the request from to
    ``X-Forwarded-For``, so the client is the ``PROXY_COUNT``-th entry from the
    right; entries further left were sent by the client and cannot be trusted.
    Without proxies (or with a header shorter than expected) it is ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            address = valid_ip(forwarded[-count])
            if address:
                return address
    return valid_ip(remote) if remote else None


def axes_username(request, credentials=None):
    """The login name as django-axes records it: never longer than its column."""
    if credentials:
        username = credentials.get("username")
    else:
        data = getattr(request, "data", None) or request.POST
        username = data.get("username")
    if username is None:
        return None
    return str(username)[:AXES_USERNAME_LENGTH]


def over_limit(key, limit, seconds):
    """Count one use of ``key``; True once it has been used more than ``limit`` times.

    The count lives in the "limits" cache (apart from page parts, so nothing
    evicts it; shared by every process when CACHE_URL names a Redis) for
    ``seconds`` after the first use.
    """
    cache = caches["limits"]
    cache_key = f"toolbox:limit:{key}"
    cache.add(cache_key, 0, seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, seconds)
        count = 1
    return count > limit


def from_another_site(request):
    """The browser says the form was posted from another site (``Origin``).

    Browsers send ``Origin`` with every form POST; a request without it (an old
    browser, a script) is let through, as the CSRF check would have been moot there.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS

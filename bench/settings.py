"""The site's settings plus what the benchmark needs: a trivial view to compare
with, a query count per response, and the cold state (BENCH_COLD=1: a page-part
cache that stores nothing, so every part is built on every request)."""

import os

from toolbox_site.settings import *  # noqa: F403
from toolbox_site.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
STATIC_ROOT = BASE_DIR / "bench" / "results" / "static"
if os.environ.get("BENCH_COLD") == "1":
    CACHES = {
        **CACHES,  # noqa: F405
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }

"""The site's settings plus what the benchmark needs: a trivial view to compare
with, and a query count per response."""

from toolbox_site.settings import *  # noqa: F403
from toolbox_site.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
STATIC_ROOT = BASE_DIR / "bench" / "results" / "static"

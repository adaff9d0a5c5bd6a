"""Profile one inventory page in-process against the bench database.

    DATABASE_URL=... .venv/bin/python bench/profile_page.py 'network:map[enschede.editor]'

Prints the median wall time of the page and of the accessibility page (the
bench's yardstick) in this process, then cProfile's top functions by
cumulative and by own time. Run ``make bench`` (or bench/run.py) first so the
database holds the national data.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="an inventory page id, or part of one")
    parser.add_argument("--all", action="store_true", help="time every matching page; profile none")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--callees", help="also list what functions matching this call")
    parser.add_argument("--callers", help="also list what calls functions matching this")
    args = parser.parse_args()

    os.environ.setdefault(
        "DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'results' / 'bench.sqlite3'}"
    )
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="False",
        SECRET_KEY="profile-only-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="False",
        SECURE_COOKIES="False",
        SECURE_HSTS_SECONDS="0",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from tests.inventory import PAGES

    def timed(url, who):
        for _ in range(5):
            who.get(url)
        times = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = who.get(url)
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000, response.status_code

    def visitor(page):
        client = Client()
        if page.user:
            client.force_login(get_user_model().objects.get(username=page.user))
        return client

    yardstick_ms, _ = timed(reverse("accessibility"), Client())
    print(f"accessibility: {yardstick_ms:.2f} ms")
    pages = [p for p in PAGES if args.page in p.id]
    for page in pages if args.all else pages[:1]:
        client = visitor(page)
        page_ms, status = timed(page.url(), client)
        print(f"{page_ms / yardstick_ms:6.2f}  {page_ms:7.2f} ms  HTTP {status}  {page.id}")
    if args.all:
        return
    page, path = pages[0], pages[0].url()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    if args.callees:
        stats.sort_stats("cumulative").print_callees(args.callees)
    if args.callers:
        stats.sort_stats("cumulative").print_callers(args.callers)


if __name__ == "__main__":
    main()

"""The benchmark: national-scale data, a production-like server, every page.

Run from the project folder: ``make bench`` (or ``.venv/bin/python bench/run.py``).
It builds a fresh database (SQLite under bench/results/, or DATABASE_URL if set),
loads the Twente demo data and the synthetic national data, serves the site with
gunicorn on 127.0.0.1, logs in the users the page inventory needs, and measures
every page of ``tests/inventory.py`` next to a trivial view, in the same run.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DEMO_PASSWORD = "toolbox-demo"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env, scale):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo")
    manage(env, "generate_scale_data", "--scale", str(scale), "--replace")


class Visitor:
    """One browser: a cookie jar, anonymous or logged in."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar),
            NoRedirect(),
        )

    def get(self, path):
        started = time.perf_counter()
        try:
            response = self.opener.open(self.base + path, timeout=30)
        except urllib.error.HTTPError as error:  # 3xx/4xx/5xx arrive as errors
            response = error
        body = response.read()
        elapsed = time.perf_counter() - started
        return response.status, int(response.headers.get("X-Bench-Queries", -1)), elapsed, body

    def log_in(self, username, password):
        _status, _queries, _elapsed, body = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.decode()}
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/", data=data, headers={"Referer": self.base}
        )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        if response.status != 302:
            raise SystemExit(f"Could not log in as {username}: HTTP {response.status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def measure(visitor, path, expected_status, requests, concurrency, yardstick=None):
    """Latencies (sequential) and throughput (concurrent) of one page. With a
    yardstick (visitor, path), each request of the page is followed by one of the
    yardstick, so the page's ratio compares medians taken side by side: a shared
    machine's drift during the run moves both alike."""
    for _ in range(5):  # warm up
        visitor.get(path)
    latencies, queries, beside = [], set(), []
    for _ in range(requests):
        status, count, elapsed, _ = visitor.get(path)
        if status != expected_status:
            raise SystemExit(f"{path}: HTTP {status}, expected {expected_status}")
        latencies.append(elapsed)
        queries.add(count)
        if yardstick:
            beside.append(yardstick[0].get(yardstick[1])[2])

    def worker(count):
        for _ in range(count):
            visitor.get(path)

    threads = [
        threading.Thread(target=worker, args=(requests // concurrency,)) for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "yardstick_ms": statistics.median(beside) * 1000 if beside else None,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "requests_per_s": (requests // concurrency) * concurrency / elapsed,
        "queries": sorted(queries),
    }


def wait_until_up(base, server, deadline=60):
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it served a request")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="national data multiplier")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=2, help="parallel clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--only", default="", help="measure only pages whose id contains this text")
    parser.add_argument(
        "--skip-data", action="store_true", help="reuse the database of the previous run"
    )
    parser.add_argument(
        "--states",
        default="warm,cold",
        help="warm (the page-part cache as in production), cold (a cache that stores nothing)",
    )
    parser.add_argument(
        "--mixed",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="readers on one region while an editor saves in another (with the warm state)",
    )
    parser.add_argument("--mixed-seconds", type=int, default=20, help="length of each mixed run")
    parser.add_argument(
        "--aggregation-only",
        action="store_true",
        help="only time the dashboard's aggregation against raw SQL (no server)",
    )
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{RESULTS / 'bench.sqlite3'}"
    base_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
    }
    if not args.skip_data:
        prepare_database({**base_env, "DEBUG": "True"}, args.scale)

    if args.aggregation_only:
        os.environ.update({**base_env, "DEBUG": "True"})
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        print_monitoring_aggregation()
        return

    server_env = {
        **base_env,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "SECURE_HSTS_SECONDS": "0",
        # Login throttling would count the benchmark's logins; keep it but raise the limit.
        "AXES_FAILURE_LIMIT": "1000",
    }
    # Static files as in production: hashed names and a manifest.
    manage(server_env, "collectstatic", "--noinput", "-v0")
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "bench.settings", "DEBUG": "True", "DATABASE_URL": database_url}
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    states = {}
    for state in args.states.split(","):
        env = {**server_env, "BENCH_COLD": "1" if state == "cold" else "0"}
        with serve(env, args.workers) as base:
            states[state] = measure_pages(base, args)
            if state == "warm" and args.mixed:
                mixed = measure_mixed(base, args)
    for state, (results, trivial, statement) in states.items():
        print_table(results, trivial["median_ms"], statement["median_ms"], args, state)
    if len(states) == 2:
        print_side_by_side(states)
    if args.mixed and "warm" in states:
        print_mixed(mixed)
    print_monitoring_aggregation()
    if args.json:
        args.json.write_text(
            json.dumps(
                {state: results for state, (results, _t, _s) in states.items()}
                | ({"mixed": mixed} if args.mixed and "warm" in states else {}),
                indent=2,
            )
        )


@contextlib.contextmanager
def serve(server_env, workers):
    """gunicorn with the production configuration (gunicorn.conf.py) on a free port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env={
            **server_env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_LOG_LEVEL": "warning",
            "GUNICORN_ACCESS_LOG": "",
        },
    )
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def visitors_for(base, pages):
    visitors = {None: Visitor(base)}
    for username in {page.user for page in pages if page.user}:
        visitors[username] = Visitor(base)
        visitors[username].log_in(username, DEMO_PASSWORD)
    return visitors


def measure_pages(base, args):
    """Every inventory page next to the accessibility page, in one server's run."""
    from django.urls import reverse

    from tests.inventory import PAGES

    # The yardstick the issues name: the accessibility statement (same layout, no data).
    yardstick = next(page for page in PAGES if page.name == "accessibility")
    pages = [page for page in PAGES if args.only in page.id and page is not yardstick]
    visitors = visitors_for(base, pages)
    results = []
    trivial = measure(visitors[None], "/bench/trivial/", 200, args.requests, args.concurrency)
    results.append({"page": "trivial view", **trivial})
    statement = measure(
        visitors[None], reverse("accessibility"), 200, args.requests, args.concurrency
    )
    results.append({"page": yardstick.id, **statement})
    # The same layout for a logged-in visitor (their header, their session read): the
    # accessibility page as each logged-in visitor, next to the anonymous one. Reported
    # beside the figure above, which stays the yardstick (print_side_by_side).
    for username in sorted({page.user for page in pages if page.user}):
        outcome = measure(
            visitors[username],
            reverse("accessibility"),
            200,
            args.requests,
            args.concurrency,
            yardstick=(visitors[None], reverse("accessibility")),
        )
        results.append({"page": f"accessibility[{username}]", **outcome})
    for page in pages:
        outcome = measure(
            visitors[page.user],
            page.url(),
            page.status,
            args.requests,
            args.concurrency,
            yardstick=(visitors[None], reverse("accessibility")),
        )
        results.append({"page": page.id, **outcome})
    return results, trivial, statement


def reader_paths():
    """What the mixed run's readers ask: Twente's pages (one region)."""
    from django.urls import reverse

    return [
        reverse("network:index") + "?regio=twente",
        reverse("network:map", kwargs={"slug": "enschede"}),
        reverse("criteria:index") + "?regio=twente",
        reverse("training:index") + "?regio=twente",
        reverse("monitoring:public") + "?regio=twente",
        reverse("finder:index") + "?gemeente=enschede&situatie=geldzorgen",
    ]


def read_for(base, seconds, readers=2):
    """Latencies of ``readers`` clients asking Twente's pages in turn for ``seconds``."""
    paths = reader_paths()
    latencies = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def reader(offset):
        visitor = Visitor(base)
        index = offset
        while time.monotonic() < stop:
            _status, _queries, elapsed, _body = visitor.get(paths[index % len(paths)])
            index += 1
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "requests": len(latencies),
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
    }


def measure_mixed(base, args):
    """Readers on one region, quiet and while an editor saves in another region every
    second (a service of a national-scale region, saved through the model as a form
    does: the data versions of that region go up)."""
    from network.models import Service
    from toolbox_site.management.commands.generate_scale_data import REGION_PREFIX

    service = (
        Service.objects.filter(owning_organization__region__slug__startswith=REGION_PREFIX)
        .order_by("pk")
        .first()
    )
    if service is None:
        raise SystemExit("The mixed run needs the national-scale data (generate_scale_data).")
    for path in reader_paths():  # every page built once
        Visitor(base).get(path)
    quiet = read_for(base, args.mixed_seconds)
    saving = threading.Event()
    saves = []

    def editor():
        while not saving.is_set():
            service.description = f"Bijgewerkt om {time.time():.0f}"
            service.save()
            saves.append(time.time())
            saving.wait(1)

    thread = threading.Thread(target=editor)
    thread.start()
    try:
        busy = read_for(base, args.mixed_seconds)
    finally:
        saving.set()
        thread.join()
    return {
        "quiet": quiet,
        "under_writes": busy,
        "saves": len(saves),
        "region": service.owning_organization.region.name,
    }


def print_table(results, trivial_median, statement_median, args, state):
    print(
        f"\nBenchmark ({state}): scale {args.scale}, {args.requests} requests per page, "
        f"{args.concurrency} clients, gunicorn with {args.workers} sync workers\n"
        "ratio: median / trivial view's median; vs a11y: median / the median of the\n"
        "accessibility page, requested after each request of the page (same run)\n"
    )
    header = (
        f"{'page':<66} {'median ms':>9} {'p95 ms':>8} {'req/s':>7} {'queries':>8} "
        f"{'ratio':>6} {'vs a11y':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        queries = "/".join(str(count) for count in row["queries"])
        print(
            f"{row['page']:<66} {row['median_ms']:>9.2f} {row['p95_ms']:>8.2f} "
            f"{row['requests_per_s']:>7.0f} {queries:>8} {row['median_ms'] / trivial_median:>6.1f} "
            f"{row['median_ms'] / (row.get('yardstick_ms') or statement_median):>7.2f}"
        )


def print_side_by_side(states):
    """Each page's ratio to the accessibility page, warm and cold, in one table; for a
    logged-in visitor's page also its ratio to the accessibility page as that visitor
    (the same layout with their header and session), in brackets."""
    ratios = {}
    for state, (results, _trivial, statement) in states.items():
        for row in results[2:]:
            yardstick = row.get("yardstick_ms") or statement["median_ms"]
            ratios.setdefault(row["page"], {})[state] = row["median_ms"] / yardstick
    print("\nRatios to the accessibility page, warm and cold")
    print("(in brackets: to the accessibility page as the same logged-in visitor)\n")
    print(f"{'page':<66} {'warm':>15} {'cold':>15}")
    for page, found in ratios.items():
        user = page.partition("[")[2].partition(",")[0].rstrip("]")
        layout = (
            ratios.get(f"accessibility[{user}]") if not page.startswith("accessibility") else None
        )
        cells = []
        for state in ("warm", "cold"):
            cell = f"{found.get(state, 0):6.2f}"
            if layout and layout.get(state):
                cell += f" ({found.get(state, 0) / layout[state]:5.2f})"
            cells.append(f"{cell:>15}")
        print(f"{page:<66} {cells[0]} {cells[1]}")


def print_mixed(mixed):
    quiet, busy = mixed["quiet"], mixed["under_writes"]
    print(
        f"\nMixed run: two readers on Twente's pages; an editor saving in {mixed['region']} "
        f"every second ({mixed['saves']} saves)\n"
        f"  quiet:        {quiet['requests']:>5} requests, median {quiet['median_ms']:7.2f} ms, "
        f"p95 {quiet['p95_ms']:7.2f} ms\n"
        f"  under writes: {busy['requests']:>5} requests, median {busy['median_ms']:7.2f} ms, "
        f"p95 {busy['p95_ms']:7.2f} ms\n"
        f"  p95 ratio {busy['p95_ms'] / quiet['p95_ms']:.2f} (target <= 1.5)"
    )


def print_monitoring_aggregation(repeat=100):
    """Monitoring dashboards (issue 10): the trend's aggregation for one indicator over a
    whole region and 10 years, through ``dashboards.series`` (the ORM) next to the same
    GROUP BY statements run as raw SQL on a cursor. Needs django set up (main does)."""
    import datetime

    from django.db import connection

    from monitoring import dashboards
    from monitoring.models import Period
    from toolbox_site.management.commands.generate_scale_data import REGION_PREFIX
    from toolbox_site.models import Region

    region = (
        Region.objects.filter(slug__startswith=REGION_PREFIX).order_by("slug").first()
        or Region.objects.order_by("pk").first()
    )
    indicator = next(
        (c for c in dashboards.region_indicators(region) if c.code == "clients_total"), None
    )
    if indicator is None:
        print("\nMonitoring aggregation: no indicator clients_total; skipped")
        return
    since = datetime.date.today() - datetime.timedelta(days=3653)
    period_ids = list(
        Period.objects.filter(type=indicator.period_type, start__gte=since).values_list(
            "pk", flat=True
        )
    )
    # The statements as the driver gets them: the SQL with its parameters apart, so the
    # raw side is sent (and, on PostgreSQL, prepared) exactly as the ORM's is.
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        dashboards.series(indicator, period_ids, region.pk)

    def raw():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    # Side by side, as the pages against the yardstick: each ORM call is followed by
    # the raw statements, so a change in the machine's load hits both alike.
    for _ in range(3):
        dashboards.series(indicator, period_ids, region.pk)
        raw()
    orm_times, raw_times = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        dashboards.series(indicator, period_ids, region.pk)
        orm_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw()
        raw_times.append(time.perf_counter() - started)
    orm_ms = statistics.median(orm_times) * 1000
    raw_ms = statistics.median(raw_times) * 1000
    ratio = statistics.median(orm / raw for orm, raw in zip(orm_times, raw_times, strict=True))
    print(
        f"\nMonitoring aggregation ({region.name}, {indicator.code}, {len(period_ids)} periods, "
        f"{len(statements)} GROUP BY queries, median of {repeat}):\n"
        f"  dashboards.series {orm_ms:8.2f} ms   raw SQL {raw_ms:8.2f} ms   "
        f"ratio {ratio:5.2f} (median of the pairs; target <= 2)"
    )


if __name__ == "__main__":
    main()

"""Gunicorn settings for production (and the benchmark): ``gunicorn -c gunicorn.conf.py``.

Everything can be set from the environment; the defaults suit a small server
behind a TLS-terminating proxy on the same machine.

| variable | meaning | default |
|---|---|---|
| ``GUNICORN_BIND`` | address to listen on | ``127.0.0.1:8000`` |
| ``WEB_CONCURRENCY`` | number of worker processes | 2 * CPUs + 1, at most 8 |
| ``GUNICORN_TIMEOUT`` | seconds before a silent worker is restarted | 30 |
| ``GUNICORN_GRACEFUL_TIMEOUT`` | seconds a worker gets to finish on restart | 30 |
| ``GUNICORN_KEEPALIVE`` | seconds to keep an idle connection from the proxy | 5 |
| ``GUNICORN_MAX_REQUESTS`` | restart a worker after this many requests (0: never) | 1000 |
| ``FORWARDED_ALLOW_IPS`` | proxies whose X-Forwarded-* headers are trusted | ``127.0.0.1,::1`` |
| ``GUNICORN_ACCESS_LOG`` | access log file, ``-`` is stdout, empty is off | ``-`` |
| ``GUNICORN_LOG_LEVEL`` | ``debug``, ``info``, ``warning``, ``error`` | ``info`` |
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


wsgi_app = "toolbox_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8))
worker_class = "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Restart workers now and then (with jitter, so not all at once): bounded memory.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Only the proxy in front may say which scheme and address the client used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Limits on the request line and headers (gunicorn's defaults, stated).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# No control socket: by default every instance of a user shares one path
# ($XDG_RUNTIME_DIR/gunicorn.ctl), so a second instance (or the benchmark)
# would take over the first one's. Manage the server through its process manager.
control_socket_disable = True
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The access log goes to stdout; an empty GUNICORN_ACCESS_LOG switches it off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

"""Production serving: gunicorn.conf.py, the virtualenv set-up, the README's steps."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def gunicorn_config(**env):
    """The settings gunicorn reads from gunicorn.conf.py, as ``name = value`` lines."""
    base = {key: value for key, value in os.environ.items() if not key.startswith("GUNICORN_")}
    base.pop("FORWARDED_ALLOW_IPS", None)
    base.pop("WEB_CONCURRENCY", None)
    result = subprocess.run(
        [GUNICORN, "--print-config", "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    config = {}
    for line in result.stdout.splitlines():
        if " = " in line:
            name, value = line.split(" = ", 1)
            config[name.strip()] = value.strip()
    return config


def test_gunicorn_reads_workers_timeouts_and_trusted_proxies_from_the_environment():
    config = gunicorn_config(
        WEB_CONCURRENCY="3",
        GUNICORN_TIMEOUT="45",
        FORWARDED_ALLOW_IPS="10.0.0.2",
        GUNICORN_BIND="127.0.0.1:8123",
    )
    assert config["workers"] == "3"
    assert config["timeout"] == "45"
    assert config["forwarded_allow_ips"] == "['10.0.0.2']"
    assert config["bind"] == "['127.0.0.1:8123']"
    assert config["wsgi_app"] == "toolbox_site.wsgi:application"


def test_gunicorn_opens_no_shared_control_socket():
    assert gunicorn_config()["control_socket_disable"] == "True"


def test_gunicorn_trusts_only_the_local_proxy_by_default():
    config = gunicorn_config()
    assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"


def test_the_benchmark_and_the_readme_use_the_configuration():
    assert '"--config"' in (ROOT / "bench" / "run.py").read_text()
    assert "gunicorn -c gunicorn.conf.py" in (ROOT / "README.md").read_text()


def test_the_virtualenv_set_up_upgrades_pip_and_setuptools():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --upgrade pip setuptools" in makefile

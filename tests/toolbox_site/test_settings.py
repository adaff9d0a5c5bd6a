"""Production settings: the site refuses an unsafe secret and passes check --deploy.

These run manage.py in a subprocess with the real settings module, as production would.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_SECRET = "x7!Kq2v#Lm9pR4tW8zB1nC6dF3gH5jS0aE-uY_iO.oP*lZ@kX&cV^bN%mQ(wT)rU"


def manage(*args, **env):
    full_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            # Set for the browser suite only; production never has it.
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    # ENV_FILE="": production has no development .env file.
    full_env.update({"ENV_FILE": "", **env, "DJANGO_SETTINGS_MODULE": "toolbox_site.settings"})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DEBUG="False")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or is the development key" in result.stderr


def test_it_refuses_the_development_secret_key_when_debug_is_off():
    from toolbox_site.settings import DEVELOPMENT_SECRET_KEY

    result = manage("check", DEBUG="False", SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or is the development key" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = manage("check", SECRET_KEY=PRODUCTION_SECRET, ALLOWED_HOSTS="toolbox.example.org")
    assert result.returncode == 0, result.stderr


def test_a_boolean_setting_accepts_only_true_or_false():
    result = manage("check", DEBUG="yes")
    assert result.returncode != 0
    assert "DEBUG must be True or False" in result.stderr


@pytest.mark.parametrize("value", ["True", "true", "False", "FALSE"])
def test_envbool_reads_true_and_false_in_any_case(monkeypatch, value):
    from toolbox_site.settings import envbool

    monkeypatch.setenv("SOME_FLAG", value)
    assert envbool("SOME_FLAG", None) is (value.lower() == "true")


def test_check_deploy_prints_no_warnings_in_production():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="toolbox.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_development_env_file_is_read_but_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# development\nDEBUG=True\nCONTACT_EMAIL=dev@example.org\n")
    shown = "from django.conf import settings; print(settings.DEBUG, settings.CONTACT_EMAIL)"
    result = manage("shell", "-v", "0", "-c", shown, ENV_FILE=str(env_file))
    assert result.stdout.split()[-2:] == ["True", "dev@example.org"]
    result = manage(
        "shell", "-v", "0", "-c", shown, ENV_FILE=str(env_file), CONTACT_EMAIL="x@example.org"
    )
    assert result.stdout.split()[-1] == "x@example.org"


@pytest.mark.parametrize("length", [1, 20, 49])
def test_it_refuses_a_short_secret_key_when_debug_is_off(length):
    result = manage(
        "check", DEBUG="False", SECRET_KEY="k" * length, ALLOWED_HOSTS="toolbox.example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr


def test_a_short_secret_key_is_fine_in_development():
    result = manage("check", DEBUG="True", SECRET_KEY="kort")
    assert result.returncode == 0, result.stderr


def database_options(**env):
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS'))"
    result = manage(
        "shell", "-c", code, DATABASE_URL="postgres://toolbox:secret@db:5432/toolbox", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]  # after the shell's own lines


def test_postgresql_prepares_repeated_statements_unless_turned_off():
    assert database_options(DEBUG="True") == (
        "{'server_side_binding': True, 'prepare_threshold': 5}"
    )
    assert database_options(DEBUG="True", DATABASE_PREPARE_THRESHOLD="0") == "{}"
    result = manage("check", DEBUG="True", DATABASE_PREPARE_THRESHOLD="often")
    assert "DATABASE_PREPARE_THRESHOLD must be a whole number" in result.stderr

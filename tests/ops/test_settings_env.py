"""Settings come from the environment; production refuses to start without a SECRET_KEY."""

import os
import subprocess
import sys

import dj_database_url
import pytest

from tests.paths import ROOT

ROOT = ROOT


def run(command: list[str], **env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def run_check(**env_overrides) -> subprocess.CompletedProcess:
    return run(["manage.py", "check"], **env_overrides)


def assert_refused_for_the_missing_key(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_start_without_secret_key_fails_with_a_clear_message():
    """The WSGI application (what gunicorn loads) refuses to start without the key."""
    assert_refused_for_the_missing_key(run(["-c", "import config.wsgi"], DEBUG="0"))


@pytest.mark.parametrize(
    "command",
    [
        ["runserver", "--noreload", "127.0.0.1:8799"],
        ["import_posts", "--help"],
        ["createsuperuser", "--help"],
    ],
)
def test_commands_that_serve_or_sign_need_the_key(command):
    assert_refused_for_the_missing_key(run(["manage.py", *command], DEBUG="0"))


def test_deploy_check_needs_the_real_key():
    assert_refused_for_the_missing_key(run(["manage.py", "check", "--deploy"], DEBUG="0"))


def test_offline_commands_run_without_the_key():
    """A build step or hook may check migrations with no secrets in its environment."""
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"], DEBUG="0")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_debug_start_may_use_the_development_key():
    assert run_check(DEBUG="1").returncode == 0


def test_production_start_with_a_secret_key_passes_checks():
    assert run_check(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org").returncode == 0


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/site.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/blog", "django.db.backends.postgresql"),
    ],
)
def test_database_url_selects_the_engine(url, engine):
    assert dj_database_url.parse(url)["ENGINE"] == engine


def test_without_database_url_sqlite_in_the_project_folder_is_the_default():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django;django.setup();from django.conf import settings as s;"
            "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.split()
    assert out == ["django.db.backends.sqlite3", str(ROOT / "db.sqlite3")]

"""Production settings and response headers: `check --deploy` is clean, the headers are sent."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.paths import ROOT

ROOT = ROOT


def production_env(**extra) -> dict[str, str]:
    # Without the test run's own switches (conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DEBUG", "SECURE_", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="blog.example.org",
        **extra,
    )
    return env


def test_check_deploy_reports_no_issues_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_values():
    script = (
        "import config.settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.split() == ["True", "True", "True", "True", "None"]


def test_tls_proxy_switches_come_from_the_environment():
    script = "import config.settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    env = production_env(SECURE_SSL_REDIRECT="0", SECURE_PROXY_SSL_HEADER="1")
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False ('HTTP_X_FORWARDED_PROTO', 'https')"


@pytest.fixture
def home(client, db):
    return client.get("/")


def test_csp_forbids_inline_scripts(home):
    policy = dict(part.strip().split(" ", 1) for part in home["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in home["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_nosniff_referrer_and_frame_headers(home):
    assert home["X-Content-Type-Options"] == "nosniff"
    assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home["X-Frame-Options"] == "DENY"


def test_hsts_sent_on_https(client, db):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_session_and_csrf_cookies_are_secure(client, db, settings):
    response = client.get("/admin/login/")
    assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"] is True
    assert settings.SESSION_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY


def test_no_page_template_contains_inline_script_or_handler():
    """The CSP blocks inline code; catch it in templates before a browser does."""
    import re

    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", text):
            offenders.append(f"{template.relative_to(ROOT)}: {match.group(0)}")
        if re.search(r"\son[a-z]+\s*=", text):
            offenders.append(f"{template.relative_to(ROOT)}: on…= attribute")
    assert offenders == []

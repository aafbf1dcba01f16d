"""A dependency going away: Redis down means slower pages, never 500s; the database down means the branded
500 page and a health check that says which part is down.

Redis is a real server started by the test on a port of its own, stopped and started again; the database
outage is a real gunicorn pointed at a PostgreSQL port (or SQLite file) that cannot be reached.
"""

from __future__ import annotations

import json
import logging
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from django.core.cache import caches

from ops.resilient_cache import CacheUnavailable
from tests.conftest import skip_or_fail
from tests.factories import make_post
from tests.html import soup
from tests.paths import ROOT

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, up: bool, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            if up:
                return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} did not go {'up' if up else 'down'}")


class RedisProcess:
    """A throwaway redis-server on its own port, that a test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port, up=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
            wait_for_port(self.port, up=False)


@pytest.fixture
def redis_process():
    if not shutil.which(REDIS_SERVER):
        skip_or_fail("redis-server not found: the Redis outage tests start one of their own")
    server = RedisProcess()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_caches(settings, redis_process):
    location = f"redis://127.0.0.1:{redis_process.port}/0"
    options = {"RETRY_AFTER_SECONDS": 0}
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.resilient_cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": options,
        },
        "throttle": {
            "BACKEND": "ops.resilient_cache.ResilientRedisCache",
            "LOCATION": location,
            "OPTIONS": {**options, "FAIL_CLOSED": True},
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.CONTENT_CACHE_SECONDS = 300
    yield redis_process
    caches["default"].clear()


READER_PATHS = ["/", "/pt/", "/en/", "/feed.xml", "/robots.txt", "/sitemap.xml", "/search/?q=kubernetes"]


@pytest.mark.django_db
def test_reader_pages_answer_while_redis_is_down(client, redis_caches):
    post = make_post(
        title_es="Kubernetes en Bogotá", body_es="Texto.", title_en="Kubernetes", body_en="Text."
    )
    redis_caches.stop()
    for path in [*READER_PATHS, post.get_absolute_url("es"), post.get_absolute_url("en")]:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_a_redis_outage_is_logged_once_not_per_request(client, redis_caches, caplog):
    make_post()
    redis_caches.stop()
    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        for _ in range(5):
            assert client.get("/").status_code == 200
    assert len([record for record in caplog.records if "unreachable" in record.getMessage()]) == 1


@pytest.mark.django_db
def test_the_page_cache_works_again_when_redis_returns(client, redis_caches, caplog):
    make_post()
    redis_caches.stop()
    assert client.get("/").status_code == 200
    redis_caches.start()
    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        assert client.get("/")["X-Page-Cache"] == "miss"
        assert client.get("/")["X-Page-Cache"] == "hit"
    assert any("reachable again" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_admin_login_is_refused_not_crashed_while_the_throttle_cache_is_down(
    client, redis_caches, django_user_model
):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-password")
    redis_caches.stop()
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 503
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_works_again_when_the_throttle_cache_returns(client, redis_caches, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "right-password")
    redis_caches.stop()
    client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    redis_caches.start()
    response = client.post("/admin/login/", {"username": "editor", "password": "right-password"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_fail_closed_cache_raises_instead_of_missing(redis_caches):
    redis_caches.stop()
    with pytest.raises(CacheUnavailable):
        caches["throttle"].get("anything")


@pytest.mark.django_db
def test_health_check_reports_the_cache_down_and_the_database_up(client, redis_caches):
    redis_caches.stop()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_health_check_reports_everything_up(client, redis_caches):
    response = client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


# --- the database unreachable: a real gunicorn whose database cannot be reached ----------------------------


def unreachable_database_url(tmp_path) -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"postgres://postgres@127.0.0.1:{free_port()}/nowhere"
    return f"sqlite:///{tmp_path}/missing-folder/db.sqlite3"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """The static files as a production start has them (the 500 page names hashed file names)."""
    static_root = tmp_path_factory.mktemp("static")
    env = {**production_env(), "STATIC_ROOT": str(static_root), "DATABASE_URL": "sqlite:///:memory:"}
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return static_root


def production_env() -> dict[str, str]:
    return {
        "PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "outage-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }


@pytest.fixture
def server_without_database(tmp_path, collected_static):
    port = free_port()
    env = {
        **production_env(),
        "STATIC_ROOT": str(collected_static),
        "DATABASE_URL": unreachable_database_url(tmp_path),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESSLOG": "",
        "LOG_LEVEL": "CRITICAL",
    }
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, up=True, seconds=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def test_health_check_reports_the_database_down(server_without_database):
    status, _type, body = fetch(server_without_database + "/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "unavailable"


def test_pages_answer_the_branded_500_while_the_database_is_down(server_without_database):
    status, content_type, body = fetch(server_without_database + "/")
    assert status == 500
    assert content_type.startswith("text/html")
    page = soup(body)
    assert page.select_one("a.brand").get_text(strip=True) == "Bitácora Comunitaria"
    assert page.select_one("main.error-page h1") is not None

"""A real streaming replica on this machine: reader pages served from it, and an edit read back correctly.

    BITACORA_REPLICA_TEST=1 .venv/bin/python -m bench.replica [--replica-port 5433] [--posts 200]

(also run by `tests/discovery/test_search_replica.py` when BITACORA_REPLICA_TEST=1). Needs root (the standby
runs as the `postgres` user) and PostgreSQL 15's binaries in /usr/lib/postgresql/15/bin. What it does:

1. On the primary (`--primary`): a fresh database `h_replica` (migrated, `--posts` generated posts, an
   editor account).
2. If the primary's pg_hba.conf lets no replication connection in from 127.0.0.1, one marked line
   (`host replication postgres 127.0.0.1/32 trust`) is appended and the configuration reloaded; the line is
   removed and the configuration reloaded again at the end, whatever happens.
3. `pg_basebackup -h 127.0.0.1 -U postgres -D <tmp> -R -X stream` makes a standby (the backup holds no
   postgresql.conf on Debian: a minimal one is written), started with `pg_ctl` on `--replica-port`.
4. gunicorn (production settings, page cache on) with `DATABASE_URL` on the primary and
   `DATABASE_REPLICA_URLS` on the standby; the checks below; then, in `finally`, gunicorn stopped, the
   standby stopped (`pg_ctl stop -m fast`) and its directory removed, pg_hba.conf restored, the database
   dropped.

Checks: anonymous pages are read from the standby; with replay paused on the standby (a replica lagging
as long as we like), an editor's edit in the admin is read back by that editor at once (pinned to the
primary), anonymous readers get the edited page and search result too (the router sees the standby
behind and reads the primary) and the page cache never serves the pre-edit page once the generation moved,
also after replay resumes; once caught up, the standby serves again.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
from bs4 import BeautifulSoup

from bench import servers

PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "h_replica"
GUNICORN_PORT = 8731
HBA_MARK = "# bitacora bench.replica: temporary, removed at the end of the run"
HBA_LINE = "host replication postgres 127.0.0.1/32 trust"
EDITOR = ("replica-editor", "replica-editor-password")


def as_postgres(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, text=True, **kwargs)


def query(url: str, sql: str, params=()):
    with psycopg.connect(url, autocommit=True) as connection:
        return connection.execute(sql, params).fetchone()


@contextlib.contextmanager
def replication_allowed(admin_url: str):
    """Let a replication connection in from 127.0.0.1 for the duration (and only if it is not already)."""
    hba = Path(query(admin_url, "SHOW hba_file")[0])
    rules = "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND error IS NULL"
    if query(admin_url, rules)[0]:
        yield
        return
    original = hba.read_text()
    hba.write_text(original.rstrip("\n") + f"\n{HBA_MARK}\n{HBA_LINE}\n")
    try:
        query(admin_url, "SELECT pg_reload_conf()")
        print(f"pg_hba.conf: added '{HBA_LINE}' for this run ({hba})")
        yield
    finally:
        current = hba.read_text()
        hba.write_text(current.replace(f"{HBA_MARK}\n{HBA_LINE}\n", ""))
        query(admin_url, "SELECT pg_reload_conf()")
        print("pg_hba.conf: restored")


# A hot standby refuses to start with less of these than its primary has.
AT_LEAST_PRIMARY = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
)


@contextlib.contextmanager
def standby(admin_url: str, port: int):
    """A streaming standby of the primary at 127.0.0.1:5432 in a temporary directory, stopped and removed
    at the end."""
    directory = Path(tempfile.mkdtemp(prefix="bitacora-replica-"))
    shutil.chown(directory, "postgres", "postgres")
    data = directory / "data"
    started = False
    try:
        as_postgres(
            str(PG_BIN / "pg_basebackup"),
            *("-h", "127.0.0.1", "-U", "postgres", "-D", str(data), "-R", "--checkpoint=fast"),
        )
        inherited = "".join(f"{name} = {query(admin_url, f'SHOW {name}')[0]}\n" for name in AT_LEAST_PRIMARY)
        (data / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{directory}'\n"
            f"hot_standby = on\nshared_buffers = 32MB\n{inherited}"
        )
        (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        for name in ("postgresql.conf", "pg_hba.conf"):
            shutil.chown(data / name, "postgres", "postgres")
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(directory / "log"), "-w", "start")
        started = True
        yield f"postgres://postgres@127.0.0.1:{port}"
    finally:
        if started:
            stop_standby(data)
        if (directory / "log").exists():
            print(
                "standby log (last lines):\n  "
                + "\n  ".join((directory / "log").read_text().splitlines()[-5:])
            )
        shutil.rmtree(directory, ignore_errors=True)


def stop_standby(data: Path) -> None:
    try:
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop", capture_output=True)
    except subprocess.CalledProcessError:
        # The postmaster we started, by the id it wrote: nothing else is signalled.
        pid = int((data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, 9)


def caught_up(primary_url: str, replica_url: str, seconds: float = 30) -> None:
    target = query(primary_url, "SELECT pg_current_wal_lsn()::text")[0]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(psycopg.OperationalError):
            if query(replica_url, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])[0]:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the standby did not replay up to {target} within {seconds} s")


def prepare_database(admin_url: str, posts: int) -> dict:
    """A fresh database with `posts` posts and an editor; returns the post the editor will change."""
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"{admin_url.rsplit('/', 1)[0]}/{DATABASE}",
        "SECRET_KEY": "x" * 50,
        # The production settings' password hashers (under pytest the environment names the test settings).
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_REPLICA_URLS", None)
    python = str(servers.VENV_BIN / "python")
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=servers.ROOT, env=env, check=True)
    subprocess.run(
        [python, "-m", "bench.generate", "--posts", str(posts)], cwd=servers.ROOT, env=env, check=True
    )
    script = (
        "from bench.setup_django import setup; setup()\n"
        "from django.contrib.auth.models import User; from blog.models import Post\n"
        f"User.objects.create_superuser({EDITOR[0]!r}, 'editor@example.org', {EDITOR[1]!r})\n"
        "post = Post.objects.published('es').first()\n"
        "print(post.pk, post.title_es, post.get_absolute_url('es'), sep='\\t')\n"
    )
    output = subprocess.run(
        [python, "-c", script], cwd=servers.ROOT, env=env, check=True, capture_output=True
    )
    pk, title, url = output.stdout.decode().strip().splitlines()[-1].split("\t")
    return {"pk": int(pk), "title": title, "url": url}


class Browser:
    """A reader (no cookies kept) or an editor (cookies kept) talking to the gunicorn under test."""

    def __init__(self, base: str, keep_cookies: bool):
        self.base = base
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())] if keep_cookies else []
        self.opener = urllib.request.build_opener(*handlers)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[str, str]:
        data = urllib.parse.urlencode(fields).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=30) as response:
            return response.geturl(), response.read().decode()

    def log_in(self) -> None:
        form = form_fields(self.get("/admin/login/"), "login-form")
        landing, _html = self.post("/admin/login/", form + [("username", EDITOR[0]), ("password", EDITOR[1])])
        if "/admin/login/" in landing:
            raise RuntimeError("the editor could not log in")

    def edit_title(self, pk: int, title: str) -> None:
        path = f"/admin/blog/post/{pk}/change/"
        form = form_fields(self.get(path), "post_form")
        fields = [(name, title if name == "title_es" else value) for name, value in form]
        landing, html = self.post(path, fields)
        if landing.endswith(path):
            errors = BeautifulSoup(html, "html.parser").select(".errorlist")
            raise RuntimeError(f"the admin refused the edit: {[e.get_text(' ') for e in errors]}")


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    """What a browser would submit from the form: inputs, checked boxes, selected options, text."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    fields = []
    for element in form.find_all(["input", "select", "textarea"]):
        name, kind = element.get("name"), element.get("type", "text")
        if not name or kind in ("file", "submit", "button", "image"):
            continue
        if element.name == "textarea":
            fields.append((name, element.get_text().removeprefix("\n")))
        elif element.name == "select":
            chosen = element.find_all("option", selected=True) or element.find_all("option")[:1]
            fields.extend((name, option.get("value", option.get_text())) for option in chosen)
        elif kind in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        else:
            fields.append((name, element.get("value", "")))
    return fields


def content_reads_since(replica: str, moment) -> int:
    """The app's connections to the standby whose latest statement (not the router's lag check) began after
    `moment` (the standby's clock): pg_stat_activity shows each connection's last statement at once."""
    sql = (
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
        "AND query_start >= %s AND query NOT LIKE '%%pg_last_wal_replay_lsn%%'"
    )
    return query(replica, sql, [DATABASE, moment])[0]


def scenario(base: str, primary: str, replica: str, post: dict) -> list[tuple[str, bool]]:
    reader, editor = Browser(base, keep_cookies=False), Browser(base, keep_cookies=True)
    pages = ["/", post["url"], "/search/?q=migraci%C3%B3n", "/en/", "/pt/search/?q=astronomia"]
    start = query(replica, "SELECT now()")[0]
    served = all(post["title"] in reader.get(post["url"]) for _ in range(4)) and all(
        reader.get(p) for p in pages
    )
    checks = [("anonymous pages read from the standby", served and content_reads_since(replica, start) > 0)]

    query(replica, "SELECT pg_wal_replay_pause()")  # from now on the standby lags behind every write
    new_title = post["title"] + " zanahoria"
    editor.log_in()
    # The standby lags from the first write on (the login's session). Until then it holds all the primary
    # has, and reading it is right: the login page's GET may (the router asks it how far it has replayed).
    lag = query(replica, "SELECT now()")[0]
    editor.edit_title(post["pk"], new_title)
    checks.append(("the editor reads the edit back at once", new_title in editor.get(post["url"])))
    fresh = [new_title in reader.get(post["url"]) for _ in range(4)]  # both workers, twice
    checks.append(("anonymous readers get the edited page while the standby lags", all(fresh)))
    found = post["url"] in reader.get("/search/?q=zanahoria")
    checks.append(("the search finds the edited title while the standby lags", found))

    checks.append(
        ("while it lags, the app reads no content from the standby", not content_reads_since(replica, lag))
    )

    query(replica, "SELECT pg_wal_replay_resume()")
    caught_up(primary, replica)
    cached = [new_title in reader.get(post["url"]) for _ in range(4)]
    checks.append(("after replay resumes, the page cache serves no pre-edit page", all(cached)))
    start = query(replica, "SELECT now()")[0]
    reader.get("/en/search/?q=astronomy")
    checks.append(
        ("caught up again, the standby serves reads again", content_reads_since(replica, start) > 0)
    )
    return checks


def run(admin_url: str, replica_port: int, posts: int) -> list[tuple[str, bool]]:
    """The whole procedure (see the module docstring); the checks, each with its outcome."""
    post = prepare_database(admin_url, posts)
    primary = f"{admin_url.rsplit('/', 1)[0]}/{DATABASE}"
    try:
        with replication_allowed(admin_url), standby(admin_url, replica_port) as replica_server:
            replica = f"{replica_server}/{DATABASE}"
            caught_up(primary, replica)
            env = servers.production_env(
                DATABASE_URL=primary,
                DATABASE_REPLICA_URLS=replica,
                PAGE_CACHE_SECONDS="300",
                SESSION_COOKIE_SECURE="0",  # plain HTTP on loopback
                CSRF_COOKIE_SECURE="0",
            )
            servers.collectstatic(env)
            with servers.gunicorn(env, GUNICORN_PORT) as base:
                return scenario(base, primary, replica, post)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--primary", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--replica-port", type=int, default=5433)
    parser.add_argument("--posts", type=int, default=200)
    args = parser.parse_args()
    if os.environ.get("BITACORA_REPLICA_TEST") != "1":
        print("set BITACORA_REPLICA_TEST=1: this starts a second PostgreSQL cluster (see the docstring)")
        return 2
    checks = run(args.primary, args.replica_port, args.posts)
    for name, ok in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(ok for _name, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

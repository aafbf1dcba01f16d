"""Where a search's time goes: the app's CPU by part, and the database server's CPU by statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench_100k .venv/bin/python -m bench.search_profile \
        [--requests 60] [--repeat 50] [--explain] [--common-ranked N] [URL …]

In process, production settings (`DEBUG=0`), page cache off, content cache on, after warm-up requests. The
app's part: process CPU time per request (median), and the mean CPU per request spent in the view's context
(the search, its count and page, the results) and in rendering the template. The database's part: every
statement one request sent (the content generation's row left out) run `--repeat` times on a connection of
its own, the CPU its server process used (from /proc, same machine) divided by the repetitions: parsing,
planning and execution, without the network or the waiting. `--explain` prints `EXPLAIN (ANALYZE, BUFFERS)`
of each (a statement sent with `SET LOCAL` is explained under that setting). The default URLs: the
generator's common and rare word in Spanish (`bench.generate`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import urllib.parse

from bench.generate import COMMON_WORDS, RARE_WORDS
from bench.search_bench import process_cpu_ms
from bench.setup_django import setup


def timed(owner, name: str, spent: dict, label: str) -> None:
    """Wrap `owner.name` to add the CPU time of its calls to `spent[label]`."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - started

    setattr(owner, name, wrapper)


def statements_of(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    statements, setting = [], ""
    for sql in (q["sql"] for q in queries.captured_queries):
        if (
            sql.startswith(("BEGIN", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT"))
            or "ops_contentgeneration" in sql
        ):
            continue
        if sql.startswith("SET LOCAL") and ";" not in sql:  # sent alone in a transaction: goes with the next
            setting = sql + "; "
            continue
        statements.append(setting + sql)
        setting = ""
    return statements


def server_cpu(statements: list[str], repeat: int, explain: bool) -> None:
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"],
        autocommit=True,
    ) as database:
        pid = database.info.backend_pid
        for sql in statements:
            before = process_cpu_ms(pid)
            for _ in range(repeat):
                database.execute(sql, prepare=False)
            print(f"    {(process_cpu_ms(pid) - before) / repeat:6.2f} ms  {sql[:100]}")
            if explain and not sql.startswith("EXPLAIN"):
                setting, _, query = sql.rpartition("; ") if sql.startswith("SET LOCAL") else ("", "", sql)
                with database.transaction(force_rollback=True):
                    if setting:
                        database.execute(setting)
                    for (line,) in database.execute("EXPLAIN (ANALYZE, BUFFERS) " + query):
                        print("        " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=50, help="runs of each statement on the server")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--common-ranked", type=int, help="instead of discovery.search.COMMON_RANKED")
    args = parser.parse_args()
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    setup()
    from django.template.response import SimpleTemplateResponse
    from django.test import Client

    from discovery import search, views

    if args.common_ranked:
        search.COMMON_RANKED = args.common_ranked

    urls = args.urls or [
        "/search/?" + urllib.parse.urlencode({"q": words["es"]}) for words in (COMMON_WORDS, RARE_WORDS)
    ]
    spent: dict[str, float] = {}
    timed(views.SearchView, "get_context_data", spent, "search (context)")
    timed(SimpleTemplateResponse, "render", spent, "template")
    client = Client()
    for url in urls:
        for _ in range(5):
            assert client.get(url).status_code == 200
        spent.clear()
        cpu = []
        for _ in range(args.requests):
            started = time.process_time()
            client.get(url)
            cpu.append(time.process_time() - started)
        parts = ", ".join(
            f"{label} {seconds * 1000 / args.requests:.1f} ms" for label, seconds in spent.items()
        )
        print(f"{url}: app CPU {statistics.median(cpu) * 1000:.1f} ms a request ({parts})")
        print(f"  database server CPU per statement ({args.repeat} runs each):")
        server_cpu(statements_of(client, url), args.repeat, args.explain)


if __name__ == "__main__":
    main()

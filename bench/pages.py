"""Server-side page timing and query counts, in process, with production settings (page cache off).

    DATABASE_URL=… .venv/bin/python -m bench.pages --label pg-10k [--explain] [--repeat 40] [--pages home,tag]

For each page (home, newest post, a tag page, search, the sitemap index and its posts and listings
parts): p50/p95 wall time of the whole Django request (middleware, view, template) over `--repeat`
requests after warm-up, the query count, and the response size. `--explain` prints PostgreSQL
`EXPLAIN (ANALYZE, BUFFERS)` for the listing queries.
Results are appended as JSON lines to bench/results/pages.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bench.setup_django import setup

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_urls() -> dict[str, str]:
    from blog.models import Post, Tag
    from discovery.sitemaps import PostSitemap

    post = Post.objects.published("es").first()
    first_posts_page = PostSitemap.index_pages()[0][0]
    tag = Tag.objects.order_by("slug").first()
    return {
        "home": "/",
        "post": post.get_absolute_url("es"),
        "tag": tag.get_absolute_url() if tag else "/tags/none/",
        "section": f"/{post.section}/",
        "search": "/search/?q=migraci%C3%B3n",
        "sitemap": "/sitemap.xml",  # the index of the parts below
        "sitemap-posts": f"/sitemap-posts.xml?p={first_posts_page}",  # a full page of posts
        "sitemap-listings": "/sitemap-listings.xml",
    }


def time_page(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "status": response.status_code,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        # Python CPU time of this process alone: what the page costs the app server, free of waiting for
        # the database and of other programs competing for the CPU.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "queries": len(queries),
        "bytes": len(response.content),
        "sql": [query["sql"] for query in queries.captured_queries],
    }


def explain_listing_queries(sql: list[str]) -> list[str]:
    from django.db import connection

    plans = []
    for statement in sql:
        if 'FROM "blog_post"' in statement and statement.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
                plans.append(statement + "\n" + "\n".join(row[0] for row in cursor.fetchall()))
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--pages", default="", help="comma-separated subset of: home,post,tag,search,sitemap")
    args = parser.parse_args()
    os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from blog.models import Post

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production needs
    client = Client()
    results = {"label": args.label, "vendor": connection.vendor, "posts": Post.objects.count(), "pages": {}}
    chosen = set(filter(None, args.pages.split(",")))
    for name, url in bench_urls().items():
        if chosen and name not in chosen:
            continue
        result = time_page(client, url, args.repeat)
        sql = result.pop("sql")
        results["pages"][name] = {"url": url, **result}
        print(
            f"{args.label:10} {name:8} {result['status']} p50 {result['p50_ms']:7.2f} ms  "
            f"p95 {result['p95_ms']:7.2f} ms  cpu p50 {result['cpu_p50_ms']:7.2f} ms  "
            f"{result['queries']:3d} queries  {result['bytes']:8d} B"
        )
        if args.explain and connection.vendor == "postgresql" and name in ("home", "tag"):
            for plan in explain_listing_queries(sql):
                print(f"\n--- EXPLAIN {name}\n{plan}\n")
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "pages.jsonl", "a") as output:
        output.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()

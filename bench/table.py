"""Issue 16's whole table in one command: every page against `/robots.txt` on the same gunicorn, per database.

    .venv/bin/python -m bench.table --posts 10000            # h_bench_10k (and --posts 100000: h_bench_100k)
    .venv/bin/python -m bench.table --databases h_bench_10k,h_bench_100k --runs 3 --import --proxy

For each database (made by `bench.generate`), one gunicorn (`deploy/gunicorn.conf.py`, 2 sync workers,
production settings, `DEBUG=0`) with the page cache off and the content cache on (Redis, database 9 for the
first server, 10 for the next…, emptied first: the shared cache every worker reads, as in production;
`--no-redis` for each worker's local memory). The servers are up together and each run measures them in
turn, so a change of the shared machine's load falls on every database alike. One client, one request at a
time: per page, the p50 of the wall time after warm-up and the app's CPU per request (gunicorn's processes,
from /proc) over `--requests` requests, then as many pairs of the page and `/robots.txt` in alternation: the
ratio is the page's p50 over robots.txt's in those pairs. Pages: home, a post, a tag, a section, `/en/`,
search for a common and a rare word, the sitemap index and its parts, and the first home request after an
edit (the content generation moved: nothing cached for it yet). The 100k ÷ 10k rows compare the databases
run by run, from each page of both asked in alternation. Then the RSS of each worker after all those requests.

`--import` adds `bench/import_bench.py` (3,000 posts × 3 files, no covers) on SQLite and PostgreSQL, `--runs`
times each; `--proxy` adds `bench.proxy_bench` (edit visibility and cached throughput behind nginx).
Prints min / median / max over `--runs` runs with `uptime` at each; appends to bench/results/table.jsonl.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import servers
from bench.pages import RESULTS
from bench.search_bench import app_cpu_ms, search_urls, timed_get, uptime

SERVER = "postgres://postgres@127.0.0.1:5432"
ROOT = Path(__file__).resolve().parent.parent

# (row name, target): the target is a ratio to robots.txt's p50, or milliseconds ("ms").
TARGETS = {
    "home": (10, "×"),
    "post": (10, "×"),
    "tag": (10, "×"),
    "section": (10, "×"),
    "/en/": (10, "×"),
    "search common": (50, "ms"),
    "search rare": (50, "ms"),
    "sitemap index": (50, "ms"),
    "sitemap posts part": (200, "ms"),
    "sitemap listings part": (200, "ms"),
    "sitemap events part": (200, "ms"),
}


def page_urls(database: str) -> dict[str, str]:
    """The table's URLs for one database (asked of a Django process pointed at it)."""
    code = (
        "import json; from bench.setup_django import setup; setup(); "
        "from bench.pages import bench_urls; print(json.dumps(bench_urls()))"
    )
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{database}"}
    process = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    found = json.loads(process.stdout.strip().splitlines()[-1])
    # search_urls() gives each name its path, or the paths its requests ask in turn: the first is enough.
    words = {
        name.split()[1]: path if isinstance(path, str) else path[0]
        for name, path in search_urls().items()
        if name.startswith("es ")
    }
    return {
        "robots": "/robots.txt",
        "home": "/",
        "post": found["post"],
        "tag": found["tag"],
        "section": found["section"],
        "/en/": "/en/",
        "search common": words["common"],
        "search rare": words["rare"],
        "sitemap index": "/sitemap.xml",
        "sitemap posts part": found["sitemap-posts"],
        "sitemap listings part": found["sitemap-listings"],
        "sitemap events part": "/sitemap-events.xml",
    }


@dataclass
class Server:
    """One gunicorn under test: its database, port and Redis database (each its own: the generation's copy
    in Redis has one key name)."""

    database: str
    port: int
    redis_url: str
    base: str = ""


def p50_of(server: Server, path: str, requests: int, warmup: int = 3) -> dict:
    """The page's p50 and the app's CPU per request over `requests` requests; then `requests` pairs of the
    page and robots.txt in alternation, for a ratio to robots.txt measured at the same moments (the load of
    a shared machine moves within seconds)."""
    for _ in range(warmup):
        timed_get(server.base + path)
    cpu = app_cpu_ms(server.port)
    timings = [timed_get(server.base + path) for _ in range(requests)]
    cpu_ms = (app_cpu_ms(server.port) - cpu) / requests
    paired, robots = [], []
    for _ in range(requests):
        paired.append(timed_get(server.base + path))
        robots.append(timed_get(server.base + "/robots.txt"))
    return {
        "p50_ms": statistics.median(timings),
        "app_cpu_ms": cpu_ms,
        "paired_p50_ms": statistics.median(paired),
        "paired_robots_p50_ms": statistics.median(robots),
    }


def bump(server: Server) -> None:
    """What an edit does to the caches: a new content generation (ops.generation.bump_generation's UPDATE),
    and Redis's copy of the old one dropped (bump_generation publishes the new one instead)."""
    sql = "UPDATE ops_contentgeneration SET n = n + 1, token = md5(random()::text)"
    subprocess.run(["psql", "-qX", f"{SERVER}/{server.database}", "-c", sql], check=True, capture_output=True)
    import redis

    redis.Redis.from_url(server.redis_url).delete(":1:content-generation")


def after_edit(server: Server, edits: int) -> dict:
    """The first home request after each of `edits` edits (both workers start from a new generation)."""
    timings = []
    for _ in range(edits):
        bump(server)
        timings.append(timed_get(server.base + "/"))
        time.sleep(0.2)
    return {"p50_ms": statistics.median(timings), "max_ms": max(timings)}


def worker_rss_mb(port: int) -> list[float]:
    """RSS of each gunicorn worker of the server under test (its children: workers, not the master)."""
    sizes = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"GUNICORN_BIND=127.0.0.1:{port}".encode() not in environ.read_bytes().split(b"\0"):
                continue
            status = (environ.parent / "status").read_text()
        except OSError:
            continue
        parent = int(re.search(r"PPid:\s+(\d+)", status).group(1))
        if "gunicorn" in Path(f"/proc/{parent}/cmdline").read_text():
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sorted(sizes)


FLAT_PAGES = ("home", "post", "tag", "section", "/en/", "search common", "sitemap index")


def side_by_side(small: Server, large: Server, results: dict, requests: int) -> dict:
    """Each page of the smallest and the largest database in alternation, request by request: their p50s at
    the same moments, for the flatness ratio (measured apart, the load moved between them by up to 2x)."""
    found = {}
    for name in FLAT_PAGES:
        paths = [results[server.database]["urls"][name] for server in (small, large)]
        timings: tuple[list, list] = ([], [])
        for _ in range(requests):
            for server, path, times in zip((small, large), paths, timings, strict=True):
                times.append(timed_get(server.base + path))
        found[name] = {
            "small_p50_ms": statistics.median(timings[0]),
            "large_p50_ms": statistics.median(timings[1]),
        }
    return found


def redis_database(redis_url: str, offset: int) -> str:
    """The `offset`-th Redis database from `redis_url`'s (redis://host:port/9 -> /10 for offset 1)."""
    base, _slash, number = redis_url.rpartition("/")
    return f"{base}/{int(number or 0) + offset}"


def measure_databases(databases: list[str], args) -> list[dict]:
    """One gunicorn per database, all up together; each run measures every database in turn, so a change
    of the machine's load falls on all of them alike (the 100k ÷ 10k comparison is made within runs)."""
    servers_up = [
        Server(database, args.port + index, redis_database(args.redis_url, index))
        for index, database in enumerate(databases)
    ]
    results = {server.database: {"database": server.database, "runs": []} for server in servers_up}
    with contextlib.ExitStack() as stack:
        for server in servers_up:
            results[server.database]["urls"] = page_urls(server.database)
            overrides = {"DATABASE_URL": f"{SERVER}/{server.database}", "PAGE_CACHE_SECONDS": "0"}
            if not args.no_redis:
                overrides["REDIS_URL"] = server.redis_url
                flush_redis(server.redis_url)
            server.base = stack.enter_context(
                servers.gunicorn(servers.production_env(**overrides), server.port)
            )
        for run in range(args.runs):
            for server in servers_up:
                load = uptime()
                urls = results[server.database]["urls"]
                pages = {name: p50_of(server, path, args.requests) for name, path in urls.items()}
                pages["home after an edit"] = after_edit(server, args.edits)
                results[server.database]["runs"].append({"run": run + 1, "uptime": load, "pages": pages})
                print(f"  {server.database} run {run + 1}: {load}", flush=True)
            if len(servers_up) > 1:
                small, large = servers_up[0], servers_up[-1]
                flat = side_by_side(small, large, results, args.requests)
                results[large.database]["runs"][-1]["side_by_side"] = flat
        for server in servers_up:
            results[server.database]["worker_rss_mb"] = worker_rss_mb(server.port)
    return [results[database] for database in databases]


def flush_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def spread(values: list[float], digits: int = 1) -> str:
    return f"{min(values):.{digits}f} / **{statistics.median(values):.{digits}f}** / {max(values):.{digits}f}"


def verdict(name: str, p50: float, ratio: float) -> str:
    if name not in TARGETS:
        return ""
    limit, unit = TARGETS[name]
    value = ratio if unit == "×" else p50
    return f"{'met' if value < limit else 'MISSED'} (< {limit} {unit})"


def ratio_to_robots(page: dict, run: dict) -> float:
    """The page's p50 over robots.txt's, from their alternating pairs (else from the run's robots row)."""
    if "paired_robots_p50_ms" in page:
        return page["paired_p50_ms"] / page["paired_robots_p50_ms"]
    return page["p50_ms"] / run["pages"]["robots"]["p50_ms"]


def page_rows(result: dict) -> list[str]:
    runs = result["runs"]
    rows = []
    for name in runs[0]["pages"]:
        p50 = [run["pages"][name]["p50_ms"] for run in runs]
        ratio = [ratio_to_robots(run["pages"][name], run) for run in runs]
        cpu = [run["pages"][name].get("app_cpu_ms") for run in runs]
        cpu_text = f"{statistics.median(cpu):.1f}" if None not in cpu else "–"
        rows.append(
            f"| {result['database']} | {name} | {spread(p50)} | {spread(ratio)}× | {cpu_text} | "
            f"{verdict(name, statistics.median(p50), statistics.median(ratio))} |"
        )
    return rows


def median_p50(result: dict, name: str) -> float:
    return statistics.median(run["pages"][name]["p50_ms"] for run in result["runs"])


def flatness_rows(results: list[dict]) -> list[str]:
    """Each page's p50 at the largest database over the smallest, run by run, from their requests in
    alternation (`side_by_side`): min / median / max of the per-run ratios, and of the app CPU's (target:
    ≤ 1.20)."""
    if len(results) < 2:
        return []
    small, large = results[0], results[-1]
    rows = []
    for name in FLAT_PAGES:
        pairs = list(zip(small["runs"], large["runs"], strict=True))
        growth = [
            big["side_by_side"][name]["large_p50_ms"] / big["side_by_side"][name]["small_p50_ms"]
            if "side_by_side" in big
            else big["pages"][name]["p50_ms"] / little["pages"][name]["p50_ms"]
            for little, big in pairs
        ]
        cpu = [
            big["pages"][name]["app_cpu_ms"] / little["pages"][name]["app_cpu_ms"] for little, big in pairs
        ]
        medians = [median_p50(result, name) for result in (small, large)]
        verdict_text = f"{'met' if statistics.median(growth) <= 1.2 else 'MISSED'} (≤ 1.20)"
        rows.append(
            f"| {name} | {medians[0]:.1f} ms | {medians[1]:.1f} ms | {spread(growth, 2)} | {spread(cpu, 2)} "
            f"| {verdict_text} |"
        )
    return rows


def run_imports(runs: int, posts: int) -> dict:
    """bench/import_bench.py on SQLite and PostgreSQL, `runs` times each: files/s of first and repeat."""
    databases = {
        "SQLite": "sqlite:////tmp/bench-table-import.sqlite3",
        "PostgreSQL": f"{SERVER}/h_import_bench",
    }
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "h_import_bench"], capture_output=True)
    results: dict[str, dict] = {}
    for label, url in databases.items():
        results[label] = {"first": [], "repeat": [], "uptime": []}
        for _ in range(runs):
            results[label]["uptime"].append(uptime())
            output = subprocess.run(
                [sys.executable, "bench/import_bench.py", "--posts", str(posts)],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for kind in ("first", "repeat"):
                found = re.search(rf"{kind} import:.*?(\d+) files/s", output)
                results[label][kind].append(float(found.group(1)))
            print(f"  import {label}: {output.strip().splitlines()[-3:-1]}", flush=True)
    return results


def import_rows(results: dict) -> list[str]:
    rows = []
    for label, result in results.items():
        for kind, target in (("first", 600), ("repeat", 1500)):
            values = result[kind]
            rows.append(
                f"| {label} | {kind} import | {spread(values, 0)} files/s | "
                f"{'met' if statistics.median(values) >= target else 'MISSED'} (≥ {target}) |"
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, action="append", help="10000: h_bench_10k, 100000: h_bench_100k")
    parser.add_argument("--databases", default="")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page and run")
    parser.add_argument("--edits", type=int, default=5, help="edits per run for 'home after an edit'")
    parser.add_argument("--no-redis", action="store_true", help="each worker's local memory as the cache")
    parser.add_argument("--import", dest="imports", action="store_true", help="also the import benchmark")
    parser.add_argument("--import-posts", type=int, default=3000)
    parser.add_argument("--proxy", action="store_true", help="also bench.proxy_bench (nginx in front)")
    parser.add_argument("--port", type=int, default=8731, help="the first gunicorn's port (the next: +1, …)")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/9",
        help="the first Redis database (emptied; the next: +1)",
    )
    args = parser.parse_args()
    databases = [name for name in args.databases.split(",") if name]
    databases += [f"h_bench_{posts // 1000}k" for posts in args.posts or []]
    databases = databases or ["h_bench_10k"]
    servers.collectstatic(servers.production_env(DATABASE_URL=f"{SERVER}/{databases[0]}"))
    started = uptime()
    results = measure_databases(databases, args)
    report = {"args": vars(args), "uptime_start": started, "results": results}
    if args.imports:
        report["imports"] = run_imports(args.runs, args.import_posts)
    if args.proxy:
        from bench import proxy_bench

        report["proxy"] = proxy_bench.run(databases[0], runs=args.runs)
    report["uptime_end"] = uptime()

    print(f"\nload: {started}  →  {report['uptime_end']}")
    print("\n| database | page | p50 ms min / median / max | p50 ÷ robots.txt p50 | app CPU ms | target |")
    print("|---|---|---|---|---:|---|")
    for result in results:
        print("\n".join(page_rows(result)))
    for result in results:
        sizes = ", ".join(f"{mb:.0f} MB" for mb in result["worker_rss_mb"])
        print(f"worker RSS after the run ({result['database']}): {sizes}")
    if len(results) > 1:
        small, large = results[0]["database"], results[-1]["database"]
        heading = (
            f"| page | {small} p50 | {large} p50 | p50 ratio side by side, per run | app CPU ratio per run |"
        )
        print(f"\n{heading} flat |")
        print("|---|---:|---:|---|---|---|")
        print("\n".join(flatness_rows(results)))
    if args.imports:
        print("\n| database | import | min / median / max | target |\n|---|---|---|---|")
        print("\n".join(import_rows(report["imports"])))
    if args.proxy:
        from bench import proxy_bench

        print("\n" + "\n".join(proxy_bench.rows(report["proxy"])))
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "table.jsonl", "a") as output:
        output.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()

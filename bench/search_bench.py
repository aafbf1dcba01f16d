"""Search latency over HTTP: gunicorn with production settings, a common and a rare word per language.

    .venv/bin/python -m bench.search_bench --databases h_bench_10k,h_bench_100k [--runs 3] [--requests 60]
        [--queries repeated|distinct|both]

For each database (made by `bench.generate`, on the PostgreSQL server of `--server`), one gunicorn
(`deploy/gunicorn.conf.py`, 2 workers, `DEBUG=0`, the page cache off so every request runs the search;
the content cache on, as in production) serves `/robots.txt` and `/search/?q=…` for the common word
(`migración`, `migração`, `migration`: in practically every post) and the rare one (`astronomía`,
`astronomia`, `astronomy`: ~0.16 % of the posts) in es, pt and en. One client, one request at a time:
p50 and p95 of the wall time per request (connect to last byte) after warm-up requests, per run, and the
CPU time gunicorn's processes used per request (from /proc, steadier than wall time on a shared machine;
and the CPU time of the PostgreSQL server processes serving the database (its backends' /proc figures, sampled
around each page's requests: a backend replaced meanwhile, after `CONN_MAX_AGE`, leaves out part of its
time); then, with `--seconds`, throughput with wrk (2 connections).
`--queries distinct` asks a different query in every request (for the common word: the other common words
of the generator alone and paired with it; for the rare one: the rarest topics, alone and paired with a common
word), as the first reader of a query would, so nothing cached for an earlier request of the same words
helps; `repeated` (the default) asks the same query each time; `both` measures the two.
Ratios are to `/robots.txt` on the same server in the same run: p50 of the page over p50 of robots.txt (how
many times slower), and req/s of the page over req/s of robots.txt. The table gives min/median/max over
`--runs` runs of each p50; `uptime` is printed at each run. Results go to bench/results/search.jsonl.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

from bench import servers
from bench.generate import COMMON_WORDS, LANGUAGES, RARE_WORDS, TOPICS, WORDS
from bench.pages import RESULTS, percentile

PORT = 8721
PREFIXES = {"es": "", "pt": "/pt", "en": "/en"}
# Topics in at most 0.25 % of the posts each (Zipf 1/k², k = 16…20), and not spelled alike in two languages
# (`firmware` is: its document matches in all three, so the planner expects three times as many).
RARE_TOPICS = [topic for topic in TOPICS[15:] if len(set(topic)) == len(topic)]


def distinct_queries(language: str, kind: str, count: int) -> list[str]:
    """`count` different queries of the kind: rare ones stay rare, common ones common."""
    index = LANGUAGES.index(language)
    common = COMMON_WORDS[language]
    if kind == "common":
        others = [word for word in WORDS[language] if word != common]
        queries = [common, *others, *(f"{common} {word}" for word in others)]
        queries += [f"{first} {second}" for first in others for second in others if first < second]
    else:
        rare = [topic[index] for topic in RARE_TOPICS]
        queries = [*rare, *(f"{topic} {word}" for word in WORDS[language] for topic in rare)]
    if count > len(queries):
        raise ValueError(f"only {len(queries)} distinct {kind} queries in {language}")
    return queries[:count]


def search_urls(distinct: bool = False, count: int = 1) -> dict[str, list[str]]:
    """Name -> the paths its requests ask, in turn (one path when the query is repeated)."""
    urls = {"robots": ["/robots.txt"]}
    for language, prefix in PREFIXES.items():
        for kind, words in (("common", COMMON_WORDS), ("rare", RARE_WORDS)):
            queries = distinct_queries(language, kind, count) if distinct else [words[language]]
            name = f"{language} {kind} " + ("(distinct queries)" if distinct else words[language])
            urls[name] = [f"{prefix}/search/?{urllib.parse.urlencode({'q': query})}" for query in queries]
    return urls


def timed_get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def app_cpu_ms(port: int = PORT) -> float:
    """CPU time used so far by the gunicorn under test (master and workers, found by their bind address in
    /proc): steadier than wall time on a machine other programs share."""
    ticks = 0
    for environ in Path("/proc").glob("[0-9]*/environ"):
        with contextlib.suppress(OSError):
            if f"GUNICORN_BIND=127.0.0.1:{port}".encode() in environ.read_bytes().split(b"\0"):
                fields = (environ.parent / "stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def process_cpu_ms(pid: int) -> float:
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    return 0.0


class DatabaseCpu:
    """CPU time of the server processes (backends) connected to one database, from /proc (same machine)."""

    def __init__(self, server: str, database: str):
        self.connection = psycopg.connect(f"{server}/postgres", autocommit=True)
        self.database = database

    def sample(self) -> dict[int, float]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.database]
        ).fetchall()
        return {pid: process_cpu_ms(pid) for (pid,) in rows}

    def spent(self, before: dict[int, float]) -> float:
        """CPU used since `before`: by the backends alive then and now, and all of those started since."""
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in self.sample().items())


def latency(base: str, paths: list[str], requests: int, database: DatabaseCpu, warmup: int = 5) -> dict:
    """Warm-up requests, then `requests` timed ones, asking `paths` in turn (each once when distinct)."""
    asked = [paths[n % len(paths)] for n in range(warmup + requests)]
    for path in asked[:warmup]:
        timed_get(base + path)
    cpu, db_cpu = app_cpu_ms(), database.sample()
    timings = [timed_get(base + path) for path in asked[warmup:]]
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "app_cpu_ms": round((app_cpu_ms() - cpu) / requests, 2),
        "db_cpu_ms": round(database.spent(db_cpu) / requests, 2),
    }


def uptime() -> str:
    """`uptime` with its clock in UTC (Django sets TZ to the site's time zone once set up)."""
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False, env=env).stdout.strip()


def measure_database(server: str, database: str, args) -> dict:
    env = servers.production_env(DATABASE_URL=f"{server}/{database}", PAGE_CACHE_SECONDS="0")
    urls = {}
    if args.queries in ("repeated", "both"):
        urls.update(search_urls())
    if args.queries in ("distinct", "both"):
        urls.update(search_urls(distinct=True, count=args.requests + 5))
    runs = []
    cpu = DatabaseCpu(server, database)
    with servers.gunicorn(env, PORT) as base:
        for run in range(args.runs):
            load = uptime()
            pages = {name: latency(base, paths, args.requests, cpu) for name, paths in urls.items()}
            if args.seconds:
                for name, paths in urls.items():
                    pages[name]["rps"] = servers.wrk(base + paths[0], seconds=args.seconds, connections=2)[
                        "rps"
                    ]
            runs.append({"run": run + 1, "uptime_before": load, "uptime_after": uptime(), "pages": pages})
            print(f"  {database} run {run + 1}: {load}")
    return {"database": database, "runs": runs}


def summary_rows(result: dict) -> list[str]:
    """One line per page: p50 min/median/max over runs, p95 median, ratios to robots (medians)."""
    runs = result["runs"]
    rows = []
    for name in runs[0]["pages"]:
        p50 = [run["pages"][name]["p50_ms"] for run in runs]
        p95 = [run["pages"][name]["p95_ms"] for run in runs]
        cpu = [run["pages"][name]["app_cpu_ms"] for run in runs]
        db_cpu = [run["pages"][name].get("db_cpu_ms", 0.0) for run in runs]
        slower = [run["pages"][name]["p50_ms"] / run["pages"]["robots"]["p50_ms"] for run in runs]
        line = (
            f"| {result['database']} | {name} | {min(p50):.1f} / **{statistics.median(p50):.1f}** / "
            f"{max(p50):.1f} | {statistics.median(p95):.1f} | {statistics.median(cpu):.1f} | "
            f"{statistics.median(db_cpu):.1f} | {statistics.median(slower):.1f}×"
        )
        if "rps" in runs[0]["pages"][name]:
            share = [run["pages"][name]["rps"] / run["pages"]["robots"]["rps"] for run in runs]
            line += f" | {statistics.median(run['pages'][name]['rps'] for run in runs):.0f}"
            line += f" | {statistics.median(share):.3f}"
        rows.append(line + " |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="h_bench_10k,h_bench_100k")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page and run")
    parser.add_argument("--seconds", type=int, default=0, help="also wrk for this long per page (0: no)")
    parser.add_argument(
        "--queries", choices=["repeated", "distinct", "both"], default="repeated", help="see the module's doc"
    )
    parser.add_argument("--label", default="search")
    args = parser.parse_args()
    servers.collectstatic(
        servers.production_env(DATABASE_URL=f"{args.server}/{args.databases.split(',')[0]}")
    )
    results = [measure_database(args.server, database, args) for database in args.databases.split(",")]
    header = "| database | page | p50 ms min / median / max | p95 ms (median) | app CPU ms | db CPU ms"
    header += " | p50 ÷ robots p50"
    header += " | req/s (wrk, 2 conn.) | req/s ÷ robots |" if args.seconds else " |"
    print("\n" + header)
    print("|" + "---|" * (header.count("|") - 1))
    for result in results:
        print("\n".join(summary_rows(result)))
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "search.jsonl", "a") as output:
        output.write(json.dumps({"label": args.label, "args": vars(args), "results": results}) + "\n")


if __name__ == "__main__":
    main()

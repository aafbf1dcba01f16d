"""Search latency over HTTP: gunicorn with production settings, a common and a rare word per language.

    .venv/bin/python -m bench.search_bench --databases h_bench_10k,h_bench_100k [--runs 3] [--requests 60]

For each database (made by `bench.generate`, on the PostgreSQL server of `--server`), one gunicorn
(`deploy/gunicorn.conf.py`, 2 workers, `DEBUG=0`, the page cache off so every request runs the search;
the content cache on, as in production) serves `/robots.txt` and `/search/?q=…` for the common word
(`migración`, `migração`, `migration`: in practically every post) and the rare one (`astronomía`,
`astronomia`, `astronomy`: ~0.16 % of the posts) in es, pt and en. One client, one request at a time:
p50 and p95 of the wall time per request (connect to last byte) after warm-up requests, per run, and the
CPU time gunicorn's processes used per request (from /proc, steadier than wall time on a shared machine;
the database's processes not included); then, with `--seconds`, throughput with wrk (2 connections).
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

from bench import servers
from bench.generate import COMMON_WORDS, RARE_WORDS
from bench.pages import RESULTS, percentile

PORT = 8721
PREFIXES = {"es": "", "pt": "/pt", "en": "/en"}


def search_urls() -> dict[str, str]:
    urls = {"robots": "/robots.txt"}
    for language, prefix in PREFIXES.items():
        for kind, words in (("common", COMMON_WORDS), ("rare", RARE_WORDS)):
            query = urllib.parse.urlencode({"q": words[language]})
            urls[f"{language} {kind} {words[language]}"] = f"{prefix}/search/?{query}"
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


def latency(base: str, path: str, requests: int, warmup: int = 5) -> dict:
    for _ in range(warmup):
        timed_get(base + path)
    cpu = app_cpu_ms()
    timings = [timed_get(base + path) for _ in range(requests)]
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "app_cpu_ms": round((app_cpu_ms() - cpu) / requests, 2),
    }


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def measure_database(server: str, database: str, args) -> dict:
    env = servers.production_env(DATABASE_URL=f"{server}/{database}", PAGE_CACHE_SECONDS="0")
    runs = []
    with servers.gunicorn(env, PORT) as base:
        for run in range(args.runs):
            load = uptime()
            pages = {name: latency(base, path, args.requests) for name, path in search_urls().items()}
            if args.seconds:
                for name, path in search_urls().items():
                    pages[name]["rps"] = servers.wrk(base + path, seconds=args.seconds, connections=2)["rps"]
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
        slower = [run["pages"][name]["p50_ms"] / run["pages"]["robots"]["p50_ms"] for run in runs]
        line = (
            f"| {result['database']} | {name} | {min(p50):.1f} / **{statistics.median(p50):.1f}** / "
            f"{max(p50):.1f} | {statistics.median(p95):.1f} | {statistics.median(cpu):.1f} | "
            f"{statistics.median(slower):.1f}×"
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
    parser.add_argument("--label", default="search")
    args = parser.parse_args()
    servers.collectstatic(
        servers.production_env(DATABASE_URL=f"{args.server}/{args.databases.split(',')[0]}")
    )
    results = [measure_database(args.server, database, args) for database in args.databases.split(",")]
    header = "| database | page | p50 ms min / median / max | p95 ms (median) | app CPU ms | p50 ÷ robots p50"
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

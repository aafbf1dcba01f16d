"""Edits behind the proxy cache, in one run: how soon an edit is visible through nginx, and how fast nginx
serves the cached home page against the same HTML as a static file.

    .venv/bin/python -m bench.proxy_bench --database h_bench_10k [--runs 3] [--edits 5] [--seconds 5]

gunicorn (`deploy/gunicorn.conf.py`, 2 workers, production settings, page cache on, Redis) behind nginx with
`deploy/nginx.conf`'s caching directives (`bench.servers.PROXY_CACHE_SERVER`: micro-caching, 1 s) on
loopback, both started and stopped here. Per run:
- **visibility**: the newest post's Spanish title is changed through the ORM (a save, as the admin does: the
  content generation moves after the commit); the home page is then fetched through nginx every 20 ms (a
  reader's traffic, which is what refreshes nginx's entry) until the new title is in it. The time from the
  commit to that response, per edit; the title is put back at the end. `--busy N` adds wrk on the proxied
  home page with N connections meanwhile (on this 2-core machine it takes the app's CPU: a stress case).
- **throughput**: wrk on nginx serving a static copy of the proxied home page's HTML, alternating with wrk
  on the home page through the proxy cache (3 pairs, `--seconds` each); the ratio of the medians.
Results are appended to bench/results/proxy.jsonl; `bench.table --proxy` prints them in its table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
import urllib.request

from bench import servers
from bench.pages import RESULTS
from bench.search_bench import uptime

GUNICORN_PORT, NGINX_PORT = 8741, 8742
SERVER = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/9"
MARK = "Editado para la prueba"


def setup_django(database: str) -> None:
    import os

    os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    os.environ["REDIS_URL"] = REDIS_URL
    from bench.setup_django import setup

    setup()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def edit_and_wait(proxy: str, post, title: str, timeout: float = 30) -> float:
    """Save `title` as the post's Spanish title; seconds until the proxied home page shows it."""
    post.title_es = title
    post.save()  # autocommit: the generation moves as the save returns
    committed = time.perf_counter()
    while time.perf_counter() - committed < timeout:
        if title in fetch(proxy + "/"):
            return time.perf_counter() - committed
        time.sleep(0.02)
    raise RuntimeError(f"the edit was not visible through the proxy after {timeout} s")


def visibility(proxy: str, edits: int, busy: int = 0) -> list[float]:
    from blog.models import Post

    post = Post.objects.published("es").order_by("-date", "-pk").first()
    original = post.title_es
    load = threading.Thread(
        target=servers.wrk if busy else time.sleep,
        args=(proxy + "/",) if busy else (0,),
        kwargs={"seconds": edits * 3 + 5, "connections": busy} if busy else {},
    )
    load.start()
    try:
        time.sleep(1)
        delays = []
        for n in range(edits):
            delays.append(edit_and_wait(proxy, post, f"{MARK} {n} {time.time():.0f}"))
            time.sleep(0.5)
    finally:
        post.title_es = original
        post.save()
        load.join()
    return delays


def throughput(proxy: str, seconds: int) -> dict:
    html = fetch(proxy + "/").encode()
    with servers.nginx(servers.STATIC_SERVER, NGINX_PORT + 1, files={"index.html": html}) as static:
        pairs = [
            (
                servers.wrk(static + "/", seconds=seconds)["rps"],
                servers.wrk(proxy + "/", seconds=seconds)["rps"],
            )
            for _ in range(3)
        ]
    static_rps = statistics.median(pair[0] for pair in pairs)
    proxied_rps = statistics.median(pair[1] for pair in pairs)
    ratio = proxied_rps / static_rps
    return {"pairs": pairs, "static_rps": static_rps, "proxied_rps": proxied_rps, "ratio": ratio}


def run(database: str, runs: int = 3, edits: int = 5, seconds: int = 5, busy: int = 0) -> dict:
    setup_django(database)
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = servers.production_env(
        DATABASE_URL=f"{SERVER}/{database}", PAGE_CACHE_SECONDS="300", REDIS_URL=REDIS_URL
    )
    results = []
    with servers.gunicorn(env, GUNICORN_PORT):
        with servers.nginx(servers.PROXY_CACHE_SERVER, NGINX_PORT, upstream=GUNICORN_PORT) as proxy:
            fetch(proxy + "/")
            for number in range(runs):
                load = uptime()
                delays = visibility(proxy, edits, busy)
                speed = throughput(proxy, seconds)
                results.append({"run": number + 1, "uptime": load, "visible_after_s": delays, **speed})
                print(
                    f"  proxy run {number + 1}: visible after {max(delays):.2f} s at most "
                    f"(median {statistics.median(delays):.2f}); proxied {speed['proxied_rps']:.0f} req/s, "
                    f"static {speed['static_rps']:.0f} req/s, ratio {speed['ratio']:.2f} — {load}",
                    flush=True,
                )
    return {"database": database, "busy_connections": busy, "runs": results}


def rows(result: dict) -> list[str]:
    runs = result["runs"]
    worst = [max(run["visible_after_s"]) for run in runs]
    ratio = [run["ratio"] for run in runs]

    def spread(values):
        return f"{min(values):.2f} / **{statistics.median(values):.2f}** / {max(values):.2f}"

    return [
        "| behind nginx (micro-caching, 1 s) | min / median / max over runs | target |",
        "|---|---|---|",
        f"| an edit visible through the proxy (slowest of each run's edits) | {spread(worst)} s | "
        f"{'met' if statistics.median(worst) < 2 else 'MISSED'} (< 2 s) |",
        f"| cached home through the proxy ÷ nginx serving the same HTML statically | {spread(ratio)} | "
        f"{'met' if statistics.median(ratio) >= 0.5 else 'MISSED'} (≥ 0.50) |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="h_bench_10k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--busy", type=int, default=0, help="wrk connections on the proxy during the edits")
    args = parser.parse_args()
    servers.collectstatic(servers.production_env(DATABASE_URL=f"{SERVER}/{args.database}"))
    result = run(args.database, args.runs, args.edits, args.seconds, args.busy)
    print("\n".join(rows(result)))
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "proxy.jsonl", "a") as output:
        output.write(json.dumps({"args": vars(args), **result}) + "\n")


if __name__ == "__main__":
    main()

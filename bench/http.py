"""HTTP throughput with wrk against gunicorn (production settings) on loopback, bounded durations.

    DATABASE_URL=… .venv/bin/python -m bench.http --label pg-10k [--seconds 10] [--connections 32]

Four measurements, each a ratio to its reference:
1. uncached: every page against gunicorn with the page cache off (Redis still holds the content cache:
   listing counts, sidebar), as a ratio to `/robots.txt` there;
2. app-cached: the same with the page cache on (Redis), ratio to `/robots.txt` on that server;
3. ceiling: nginx serving a static copy of the home page's HTML (alternating with 4., median of 3);
4. reverse-proxy cache: nginx `proxy_cache` (the config of deploy/nginx.conf) in front of gunicorn,
   as a ratio to the ceiling.
Results are appended to bench/results/http.jsonl and printed as a table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import urllib.request

from bench import servers
from bench.pages import RESULTS, bench_urls
from bench.setup_django import setup

GUNICORN_PORT, NGINX_PORT = 8711, 8712
REDIS_URL = "redis://127.0.0.1:6379/9"


def measure(base: str, urls: dict[str, str], seconds: int, connections: int) -> dict[str, dict]:
    results = {}
    for name, path in {"robots": "/robots.txt", **urls}.items():
        results[name] = servers.wrk(base + path, seconds=seconds, connections=connections)
        print(
            f"    {name:8} {results[name]['rps']:9.1f} req/s  p50 {results[name]['latency_p50']:>8}  "
            f"non-2xx {results[name]['non_2xx']}"
        )
    return results


def ratios(results: dict[str, dict], reference: float) -> dict[str, float]:
    return {name: round(result["rps"] / reference, 3) for name, result in results.items()}


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--uncached-connections",
        type=int,
        default=8,
        help="fewer for uncached pages: 2 workers cannot use 32 connections, they only queue",
    )
    parser.add_argument("--pages", default="home,post,tag,search,sitemap")
    args = parser.parse_args()
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    setup()
    urls = {name: url for name, url in bench_urls().items() if name in args.pages.split(",")}
    env = servers.production_env()
    servers.collectstatic(env)
    report = {
        "label": args.label,
        "seconds": args.seconds,
        "connections": args.connections,
        "uncached_connections": args.uncached_connections,
    }

    print("uncached (PAGE_CACHE_SECONDS=0; Redis holds the content cache, as in production)")
    flush_redis()
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0", "REDIS_URL": REDIS_URL}
    with servers.gunicorn(uncached_env, GUNICORN_PORT) as base:
        # The reference at the cached runs' concurrency too, for a ratio free of the cache's own
        # cost; first, before slow pages leave requests queued in the workers.
        report["uncached_robots_at_connections"] = servers.wrk(
            base + "/robots.txt", seconds=args.seconds, connections=args.connections
        )
        reference = report["uncached_robots_at_connections"]["rps"]
        print(f"    robots at {args.connections} connections: {reference} req/s")
        report["uncached"] = measure(base, urls, args.seconds, args.uncached_connections)

    print("app-cached (Redis page cache)")
    flush_redis()
    cached_env = {**env, "PAGE_CACHE_SECONDS": "300", "REDIS_URL": REDIS_URL}
    with servers.gunicorn(cached_env, GUNICORN_PORT) as base:
        report["app_cached"] = measure(base, urls, args.seconds, args.connections)
        home_html = urllib.request.urlopen(base + "/").read()

        print("reverse-proxy cache (nginx proxy_cache -> gunicorn)")
        with servers.nginx(servers.PROXY_CACHE_SERVER, NGINX_PORT, upstream=GUNICORN_PORT) as proxy:
            report["proxy_cached"] = measure(proxy, urls, args.seconds, args.connections)
            # The ceiling: nginx serving a static copy of the same home page. Measured in alternation
            # with the proxied home page (median of 3 each): on a shared machine the load changes
            # from minute to minute, and a ratio of two runs far apart would measure that instead.
            print("ceiling (nginx, static copy of the home page) alternating with home through the proxy")
            files = {"index.html": home_html}
            with servers.nginx(servers.STATIC_SERVER, NGINX_PORT + 1, files=files) as static:
                pairs = [
                    (
                        servers.wrk(static + "/", seconds=args.seconds, connections=args.connections)["rps"],
                        servers.wrk(proxy + "/", seconds=args.seconds, connections=args.connections)["rps"],
                    )
                    for _ in range(3)
                ]
    flush_redis()
    report["ceiling_pairs"] = pairs
    report["ceiling"] = {"rps": statistics.median(ceiling for ceiling, _home in pairs)}
    report["proxy_home_paired"] = {"rps": statistics.median(home for _ceiling, home in pairs)}
    for ceiling, home in pairs:
        print(
            f"    static {ceiling:9.1f} req/s   home via proxy {home:9.1f} req/s   ratio {home / ceiling:.3f}"
        )

    report["ratios"] = {
        "uncached_to_robots": ratios(report["uncached"], report["uncached"]["robots"]["rps"]),
        "app_cached_to_robots": ratios(report["app_cached"], report["app_cached"]["robots"]["rps"]),
        "app_cached_to_uncached_robots": ratios(
            report["app_cached"], report["uncached_robots_at_connections"]["rps"]
        ),
        "proxy_cached_to_ceiling": ratios(report["proxy_cached"], report["ceiling"]["rps"]),
        "proxy_home_to_ceiling_paired": round(
            report["proxy_home_paired"]["rps"] / report["ceiling"]["rps"], 3
        ),
    }
    print(json.dumps(report["ratios"], indent=2))
    RESULTS.mkdir(exist_ok=True)
    with open(RESULTS / "http.jsonl", "a") as output:
        output.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()

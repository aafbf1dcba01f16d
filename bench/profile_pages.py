"""Where a page's time goes: cProfile over warm requests, in process, production settings, page cache off.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench_100k REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python -m bench.profile_pages --pages home,post,tag --requests 50 [--sort tottime]

The content cache is on (as in production), warmed by `--warmup` requests first, so the profile is that of a
steady page view, not of the first one after an edit (`--cold` bumps the generation before every request,
for that one). Prints the top functions by cumulative and own time; `--out` keeps the stats.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

from bench.setup_django import setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="home,post,tag,section")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--cold", action="store_true", help="a new content generation before each request")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    setup()
    from django.test import Client

    from bench.pages import bench_urls
    from ops.generation import bump_generation

    urls = {**bench_urls(), "en": "/en/"}
    client = Client()
    for name in args.pages.split(","):
        url = urls[name]
        for _ in range(args.warmup):
            assert client.get(url).status_code == 200
        profiler = cProfile.Profile()
        started = time.perf_counter()
        for _ in range(args.requests):
            if args.cold:
                bump_generation()
            profiler.enable()
            client.get(url)
            profiler.disable()
        wall = (time.perf_counter() - started) * 1000 / args.requests
        print(f"===== {name} {url}: {wall:.1f} ms a request (profiled)")
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.top)
        if args.out:
            stats.dump_stats(f"{args.out}.{name}")


if __name__ == "__main__":
    main()

"""Readers under load while an import runs: zero 5xx and every imported post present afterwards.

    DATABASE_URL=… .venv/bin/python -m bench.load_during_import [--posts N] [--seconds S] [--connections C]

Writes `--posts` Hugo-style Markdown files (es/pt/en page bundles with tags) into a temporary
`content/blog/` tree, starts gunicorn with production settings and the Redis page cache (so every group
the importer commits invalidates the pages being read), runs wrk with 50 connections for 30 s over the
home pages, a tag page and a post — in rounds, until the import is over — while `manage.py import_posts`
imports the tree. A Lua script counts 5xx answers separately. Then it checks in the database that every
file became a post.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
import textwrap
import threading
import time
from pathlib import Path

from bench import servers
from bench.setup_django import setup

PORT = 8721
REDIS_URL = "redis://127.0.0.1:6379/10"
TITLE_PREFIX = {"es": "Carga", "pt": "Carga pt", "en": "Load"}

WRK_SCRIPT = """
local threads = {}
local paths = {%(paths)s}
function setup(thread) table.insert(threads, thread) end
function init(args) server_errors = 0; client_errors = 0; counter = 0 end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1
  elseif status >= 400 then client_errors = client_errors + 1 end
end
function done(summary, latency, requests)
  local s, c = 0, 0
  for _, t in ipairs(threads) do s = s + t:get("server_errors"); c = c + t:get("client_errors") end
  io.write(string.format("5xx: %%d\\n4xx: %%d\\n", s, c))
end
"""


def write_content(root: Path, count: int) -> None:
    for n in range(1, count + 1):
        bundle = root / "content" / "blog" / f"load-{n:04d}"
        bundle.mkdir(parents=True)
        for language, prefix in TITLE_PREFIX.items():
            front = textwrap.dedent(f"""\
                ---
                title: "{prefix} {n}"
                date: 2024-01-{(n % 28) + 1:02d}T10:00:00-05:00
                tags: ["carga", "tag-{n % 20}"]
                authors: ["load-author"]
                ---
                """)
            body = f"Texto {n} en {language}.\n\n## Sección\n\nMás texto para la prueba de carga {n}.\n"
            (bundle / f"index.{language}.md").write_text(front + body)


def run_wrk(base: str, paths: list[str], seconds: int, connections: int, workdir: Path) -> subprocess.Popen:
    script = workdir / "count.lua"
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(f'"{p}"' for p in paths)})
    return subprocess.Popen(
        [
            servers.WRK,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def parse_wrk(output: str) -> dict:
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "5xx": int(re.search(r"5xx: (\d+)", output).group(1)),
        "4xx": int(re.search(r"4xx: (\d+)", output).group(1)),
        "socket_errors": re.search(r"Socket errors:.*", output).group(0) if "Socket errors" in output else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--max-seconds", type=int, default=600, help="upper bound for the whole run")
    args = parser.parse_args()
    setup()
    from bench.pages import bench_urls
    from blog.models import Post

    urls = bench_urls()
    paths = ["/", "/en/", "/pt/", urls["tag"], urls["post"]]
    load_posts = Post.objects.filter(title_en__regex=r"^Load [0-9]+$")
    load_posts.delete()  # a previous run's posts: this run must create them again
    env = servers.production_env(PAGE_CACHE_SECONDS="300", REDIS_URL=REDIS_URL)
    servers.collectstatic(env)
    rounds = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        workdir = Path(tmp)
        write_content(workdir, args.posts)
        with servers.gunicorn(env, PORT) as base:
            log = (workdir / "import.out").open("w+")
            load = run_wrk(base, paths, args.seconds, args.connections, workdir)
            time.sleep(2)  # the readers are up to speed before the writes start
            started = time.perf_counter()
            importer = subprocess.Popen(
                [servers.VENV_BIN / "python", "manage.py", "import_posts", str(workdir / "content")],
                cwd=servers.ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            finished_at = []
            watcher = threading.Thread(
                target=lambda: finished_at.append((importer.wait(), time.perf_counter()))
            )
            watcher.start()
            try:
                rounds.append(parse_wrk(load.communicate(timeout=args.seconds + 60)[0]))
                # More rounds of `--seconds` while the import runs, bounded by --max-seconds.
                while importer.poll() is None and time.perf_counter() - started < args.max_seconds:
                    load = run_wrk(base, paths, args.seconds, args.connections, workdir)
                    rounds.append(parse_wrk(load.communicate(timeout=args.seconds + 60)[0]))
                importer.wait(timeout=args.max_seconds)
            finally:
                if importer.poll() is None:
                    importer.kill()
                    importer.wait()
            watcher.join()
            log.seek(0)
            output = log.read()
            log.close()
            import_seconds = finished_at[0][1] - started
    requests = sum(r["requests"] for r in rounds)
    server_errors = sum(r["5xx"] for r in rounds)
    print(f"import: exit {importer.returncode} after {import_seconds:.1f} s, readers running all along:")
    print(textwrap.indent("\n".join(output.strip().splitlines()[-2:]), "    "))
    if importer.returncode:
        print(textwrap.indent(output[-2000:], "    "))
    print(
        f"readers: {len(rounds)} round(s) of {args.seconds} s, {args.connections} connections: "
        f"{requests} requests "
        f"({requests / (len(rounds) * args.seconds):.0f} req/s), 5xx {server_errors}, "
        f"4xx {sum(r['4xx'] for r in rounds)} {' '.join(r['socket_errors'] for r in rounds)}"
    )
    present = load_posts.count()
    print(f"posts present after the import: {present} of {args.posts}")
    ok = importer.returncode == 0 and server_errors == 0 and present == args.posts
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()

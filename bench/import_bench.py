"""Benchmark of `import_posts`: generate a Hugo content tree of N posts × 3 languages with taxonomies
in a temporary folder and time a first import, a repeat import (nothing changes) and report queries per file.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/import_bench.py --posts 3000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_import_bench .venv/bin/python bench/import_bench.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/import_bench.py --posts 300 --covers

`--covers` gives every post a 1600×900 JPEG cover (front matter `images: [/covers/post-N.jpg]`, under a
`static/` folder beside the tree, passed as `--static-root`).

The database named in DATABASE_URL is emptied of posts, terms and authors first: never point it at real data.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ is first on sys.path and bench/http.py would shadow the standard library.
sys.path[0] = str(ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.core.management import CommandError, call_command  # noqa: E402
from django.db import connection  # noqa: E402

from blog.models import Author, Category, Post, PostRedirect, Series, Tag  # noqa: E402

WORDS = {
    "es": "la comunidad del software libre organiza encuentros talleres y charlas sobre datos".split(),
    "pt": "a comunidade do software livre organiza encontros oficinas e palestras sobre dados".split(),
    "en": "the free software community organises meetups workshops and talks about databases".split(),
}
TAGS = {
    "es": ["comunidad", "bases de datos", "tutoriales", "eventos", "seguridad", "nube", "python", "django"],
    "pt": ["comunidade", "bancos de dados", "tutoriais", "eventos", "segurança", "nuvem", "python", "django"],
    "en": ["community", "databases", "tutorials", "events", "security", "cloud", "python", "django"],
}
CATEGORIES = {"es": ["Noticias", "Guías"], "pt": ["Notícias", "Guias"], "en": ["News", "Guides"]}
SECTIONS = ("blog", "news", "guides")


COVER_SIZE = (1600, 900)


def static_root_of(root: Path) -> Path:
    return root.parent / "static"


def write_cover(path: Path, n: int) -> None:
    """A 1600×900 JPEG, different for every post (so each is stored apart, as real covers are)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", COVER_SIZE, ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
    ImageDraw.Draw(image).rectangle((n % 1500, 100, n % 1500 + 100, 800), fill=(255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "JPEG", quality=85)


def generate(root: Path, posts: int, seed: int = 3, covers: bool = False) -> int:
    rng = random.Random(seed)
    files = 0
    for n in range(posts):
        if covers:
            write_cover(static_root_of(root) / "covers" / f"post-{n:05d}.jpg", n)
        images = f"images: [/covers/post-{n:05d}.jpg]\n" if covers else ""
        section = SECTIONS[n % len(SECTIONS)]
        folder = root / section
        folder.mkdir(parents=True, exist_ok=True)
        tag_picks = rng.sample(range(len(TAGS["es"])), 3) + [n % 40]
        category = n % 2
        day = f"20{20 + n % 6}-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00-03:00"
        for code in ("es", "pt", "en"):
            suffix = "" if code == "es" else f".{code}"
            words = WORDS[code]
            title = " ".join(rng.choice(words) for _ in range(6)).capitalize() + f" {n}"
            tags = [TAGS[code][i] if i < len(TAGS[code]) else f"tema-{i}" for i in tag_picks]
            body = "\n\n".join(" ".join(rng.choice(words) for _ in range(60)) for _ in range(6))
            (folder / f"post-{n:05d}{suffix}.md").write_text(
                "---\n"
                f'title: "{title}"\n'
                f"date: {day}\n"
                f"categories: [{CATEGORIES[code][category]}]\n"
                f"tags: [{', '.join(tags)}]\n"
                f"authors: [autor-{n % 25}]\n"
                f"series: [Serie {n % 10}]\n"
                f"featured: {str(n % 7 == 0).lower()}\n"
                f"{images}"
                "---\n\n"
                f"{body}\n",
                encoding="utf-8",
            )
            files += 1
    return files


def empty_database() -> None:
    for model in (PostRedirect, Post, Category, Tag, Series, Author):
        model.objects.all().delete()


def import_arguments(root: Path) -> list[str]:
    """The tree, and the static root when covers were generated beside it."""
    static = static_root_of(root)
    return [str(root), "--static-root", str(static)] if static.exists() else [str(root)]


def timed_import(root: Path, profile: str = "") -> tuple[float, float, float, int]:
    """Seconds (wall clock; CPU: user + system of this process and its reading processes; the PostgreSQL
    server's CPU, all its processes) and number of queries (an execute wrapper: no cap, no DEBUG needed);
    with `profile`, cProfile statistics of the import are written to that file (and the times include the
    profiler's overhead)."""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    errors = io.StringIO()
    profiler = cProfile.Profile() if profile else None
    start, cpu, server = time.perf_counter(), cpu_seconds(), server_cpu_seconds()
    try:
        with connection.execute_wrapper(counter):
            if profiler:
                profiler.enable()
            call_command("import_posts", *import_arguments(root), verbosity=0, stderr=errors)
    except CommandError:
        print("".join(errors.getvalue().splitlines(keepends=True)[:5]), file=sys.stderr)
        raise
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
    wall = time.perf_counter() - start
    return wall, cpu_seconds() - cpu, server_cpu_seconds() - server, count


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished children (the import's reading processes)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def server_cpu_seconds() -> float:
    """The PostgreSQL server's CPU, when it runs on this machine: every process of it (this connection's
    backend, the importer's second connection that parses search documents, WAL writer, autovacuum…),
    those that ended included (the postmaster's reaped children)."""
    if connection.vendor != "postgresql":
        return 0.0  # SQLite works inside this process
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        postmaster = int(process_stat(backend)[1])
        seconds = sum(map(int, process_stat(postmaster)[11:15]))  # its own and its ended children's CPU
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    fields = process_stat(int(entry.name))
                    if int(fields[1]) == postmaster:
                        seconds += int(fields[11]) + int(fields[12])  # utime + stime
    except OSError:
        return 0.0  # another machine: the server's CPU is not counted
    return seconds / os.sysconf("SC_CLK_TCK")


def process_stat(pid: int) -> list[str]:
    """/proc/PID/stat after the command name: [state, ppid, …]; utime, stime, cutime, cstime at 11–14."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--covers", action="store_true", help="a 1600×900 JPEG cover per post")
    parser.add_argument("--profile", default="", help="cProfile to PREFIX.first/.repeat")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    empty_database()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        files = generate(root, args.posts, covers=args.covers)
        first = timed_import(root, args.profile and f"{args.profile}.first")
        repeat = timed_import(root, args.profile and f"{args.profile}.repeat")
    covers = " with a 1600×900 cover each" if args.covers else ""
    print(f"database: {connection.vendor}; {args.posts} posts × 3 languages = {files} files{covers}")
    # CPU: this process, its reading processes and the PostgreSQL server (SQLite works in this
    # process); a steadier figure than the wall clock on a loaded machine.
    for label, (seconds, cpu, server, queries) in (("first", first), ("repeat", repeat)):
        on_server = f" + server {server:4.1f} s" if server else ""
        print(
            f"{label} import: {seconds:6.1f} s  {files / seconds:5.0f} files/s",
            f"{queries / files:4.2f} queries/file",
            f"(CPU {cpu:5.1f} s{on_server}, {files / (cpu + server):5.0f} files per CPU second)",
        )
    print(f"posts {Post.objects.count()}, tags {Tag.objects.count()}, authors {Author.objects.count()}")


if __name__ == "__main__":
    main()

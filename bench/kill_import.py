"""`kill -9` in the middle of an import: nothing half-written, no orphaned media, and a rerun completes it.

    DATABASE_URL=sqlite:////tmp/kill.sqlite3 .venv/bin/python -m bench.kill_import [--posts N] [--runs R]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_kill .venv/bin/python -m bench.kill_import

Generates N posts × 3 languages with a cover each (bench.import_bench's tree), then R times: empties the
database of posts, starts `manage.py import_posts` in a child process, kills it with SIGKILL at a random
moment between 20% and 80% of a full import's time, and checks

- every stored post has all three languages (a group is written whole or not at all),
- every file under MEDIA_ROOT/covers and posts/ is referenced by a row (no orphans left by the killed run,
  once the next import has run its clean-up),
- a second import completes: N posts, each in 3 languages.

The database named in DATABASE_URL is emptied of posts first: never point it at real data.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.import_bench import generate, import_arguments
from bench.setup_django import setup

ROOT = Path(__file__).resolve().parent.parent


def import_command(tree: Path) -> list[str]:
    python = str(ROOT / ".venv" / "bin" / "python")
    return [python, "manage.py", "import_posts", *import_arguments(tree), "-v", "0"]


def empty_database() -> None:
    from blog.models import Author, Category, Post, Series, Tag

    for model in (Post, Category, Tag, Series, Author):
        model.objects.all().delete()


def half_written_posts() -> int:
    from blog.models import Post

    return sum(1 for post in Post.objects.all() if len(post.languages()) != 3)


def stored_covers(media_root: Path) -> set[Path]:
    covers = media_root / "covers"
    return {path for path in covers.rglob("*") if path.is_file()} if covers.exists() else set()


def orphaned_media(media_root: Path, earlier: set[Path]) -> list[Path]:
    """Cover files the killed run and its rerun stored that no row refers to (`earlier`: the files that were
    there before, such as those of the rows `empty_database` deleted, are not theirs)."""
    from blog.models import Post

    referenced = set()
    for cover, renditions in Post.objects.values_list("cover", "cover_renditions"):
        if cover:
            referenced.add(cover)
        for entry in (renditions or {}).values():
            if isinstance(entry, dict):
                referenced.update(value for key, value in entry.items() if key in ("webp", "fallback"))
    stored = sorted(stored_covers(media_root) - earlier)
    return [path for path in stored if str(path.relative_to(media_root)) not in referenced]


def timed_import(tree: Path, env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(import_command(tree), cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    setup()
    from django.conf import settings

    rng = random.Random(args.seed)
    media_root = Path(settings.MEDIA_ROOT)
    env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only")}
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder) / "content"
        files = generate(tree, args.posts, covers=True)
        empty_database()
        full = timed_import(tree, env)
        print(f"{files} files; a whole import takes {full:.1f} s")
        for run in range(1, args.runs + 1):
            empty_database()
            earlier = stored_covers(media_root)
            process = subprocess.Popen(import_command(tree), cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
            delay = full * rng.uniform(0.2, 0.8)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            from blog.models import Post

            stored = Post.objects.count()
            half = half_written_posts()
            timed_import(tree, env)
            complete = Post.objects.count()
            orphans = orphaned_media(media_root, earlier)
            ok = half == 0 and complete == args.posts and half_written_posts() == 0 and not orphans
            print(
                f"run {run}: killed after {delay:.1f} s with {stored} posts stored, {half} half-written; "
                f"rerun: {complete}/{args.posts} posts, {len(orphans)} orphaned media files "
                f"{'OK' if ok else 'FAILED'}"
            )
            if not ok:
                sys.exit(1)


if __name__ == "__main__":
    main()

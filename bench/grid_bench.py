"""The translation grid at scale: server-side time and queries of its pages on a generated site.

    createdb -h 127.0.0.1 -U postgres tr_grid && \\
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/tr_grid SECRET_KEY=x .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tr_grid .venv/bin/python -m bench.generate --posts 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tr_grid .venv/bin/python -m bench.grid_bench --runs 5

`bench.generate` writes with COPY, which no receiver sees, so the first run prepares the translation data
as a real site would have it: the published sources recorded (`translating.backfill`, what the data
migration does), 10 % of the posts without Portuguese, and 5 % with a Spanish edit saved through the
model (so their other languages are outdated, recorded by the post_save receiver). Then, in process with
the production settings (page cache off), a superuser's client asks for each grid page `--runs` times
after one warm-up; min / median / max of the wall time and the number of queries are printed per page.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.setup_django import setup

PAGES = {
    "grid, page 1": "",
    "outdated in pt": "?state=outdated&language=pt",
    "missing in pt": "?state=missing&language=pt",
    "page 100": "?page=100",
    "section and author": "?section=blog&author=1",
}


def prepare() -> None:
    from django.apps import apps
    from django.db import connection

    from blog.models import Post
    from translating.backfill import record_current_sources
    from translating.models import PublishedSource

    if PublishedSource.objects.exists():
        return
    started = time.perf_counter()
    recorded = record_current_sources(apps)
    ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    Post.objects.filter(pk__in=ids[::10]).update(title_pt="", body_pt="")
    for post in Post.objects.filter(pk__in=ids[3::20]):
        post.body_es += "\n\nUn párrafo nuevo en el origen."
        post.save()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(f"prepared: {recorded} published sources, {time.perf_counter() - started:.1f} s")


def measure(runs: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from blog.models import Post

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest production needs
    user = get_user_model().objects.filter(username="grid-bench").first()
    user = user or get_user_model().objects.create_superuser("grid-bench", "b@example.org", "x")
    client = Client()
    client.force_login(user)
    base = reverse("admin:translating_grid")
    print(f"{Post.objects.count()} posts, {connection.vendor}, {runs} runs after a warm-up")
    print(f"{'page':<22} {'min ms':>8} {'median':>8} {'max':>8} {'queries':>8}")
    for label, query in PAGES.items():
        response = client.get(base + query, secure=True)
        assert response.status_code == 200, (label, response.status_code)
        times = []
        for _run in range(runs):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(base + query, secure=True)
                times.append((time.perf_counter() - started) * 1000)
        print(
            f"{label:<22} {min(times):8.1f} {statistics.median(times):8.1f} {max(times):8.1f} "
            f"{len(captured):8d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    setup()
    prepare()
    measure(arguments.runs)


if __name__ == "__main__":
    main()

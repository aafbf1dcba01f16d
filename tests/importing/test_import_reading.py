"""Large imports read their files in several processes (`importing.reading`); the outcome is the same as
reading them in one: the same report, line for line, and the same posts."""

from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post
from importing import reading
from tests.paths import HUGO_SAMPLE

pytestmark = pytest.mark.django_db


STATUSES = (": created: ", ": updated: ", ": unchanged: ")


def run(jobs: int) -> list[str]:
    """The report's line per content file and their warnings; whether a row was created or found is left
    out (the second run finds the authors, pages and menus of the first)."""
    out, err = StringIO(), StringIO()
    call_command("import_posts", hugo_site=str(HUGO_SAMPLE), jobs=jobs, stdout=out, stderr=err, verbosity=2)
    content = str(HUGO_SAMPLE / "content")
    lines = [line for line in (out.getvalue() + err.getvalue()).splitlines() if content in line]
    for status in STATUSES:
        lines = [line.replace(status, ": written or found: ") for line in lines]
    return lines


def stored() -> list[tuple]:
    return list(Post.objects.order_by("source_key").values_list("source_key", "slug_es", "body_en", "date"))


def test_files_read_by_two_processes_give_the_report_and_posts_one_process_gives(monkeypatch):
    one = run(jobs=1)
    posts = stored()
    Post.objects.all().delete()
    monkeypatch.setattr(reading, "FILES_PER_JOB", 10)  # the sample's 65 files are enough for two
    pools = []

    class Pool(reading.ProcessPoolExecutor):
        def __init__(self, workers, **kwargs):
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(reading, "ProcessPoolExecutor", Pool)
    assert run(jobs=2) == one
    assert pools == [2]
    assert stored() == posts

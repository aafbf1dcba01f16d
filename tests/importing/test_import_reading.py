"""Large imports read their files in several processes (`importing.reading`); the outcome is the same as
reading them in one: the same report, line for line, and the same posts."""

import os
import signal
import time
from concurrent import futures
from io import StringIO
from pathlib import Path

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

    class Pool(futures.ProcessPoolExecutor):
        def __init__(self, workers, **kwargs):
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Pool)
    assert run(jobs=2) == one
    assert pools == [2]
    assert stored() == posts


def gone(pid: int) -> bool:
    """No such process, or only its exit status left (a zombie nobody reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
def test_a_reading_process_ends_when_the_import_that_started_it_is_killed():
    """`kill -9` of an import must not leave its reading processes waiting for work forever."""
    read_end, write_end = os.pipe()
    importer = os.fork()
    if importer == 0:  # the import: starts a reader, then waits to be killed
        reader = os.fork()
        if reader == 0:
            reading._die_with(os.getppid())
            time.sleep(30)
            os._exit(0)
        os.write(write_end, str(reader).encode())
        time.sleep(30)
        os._exit(0)
    reader = int(os.read(read_end, 32))
    os.kill(importer, signal.SIGKILL)
    os.waitpid(importer, 0)
    for _attempt in range(200):
        if gone(reader):
            break
        time.sleep(0.05)
    assert gone(reader)

"""Reading the run's files into `Page`s, on every core when there are many: `load_pages` yields, in the
files' order, each file's Page or the exception that says why it is skipped or failed.

`load_page` is pure (no database, no shared state), so a large run reads its files in forked worker
processes, 50 files to a task, while the database work stays in this process. Reading is
about 40 % of a first import's CPU time; on two cores this takes ~20 % off its duration. Small runs, and
platforms without `fork`, read in this process.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

from importing.pages import ImportOptions, Page, PageError, PageSkipped, load_page
from importing.sources import SourceFile

# Below this many files per process, starting the processes costs more than it saves.
FILES_PER_JOB = 300
CHUNK = 50  # files per task sent to a worker
PR_SET_PDEATHSIG = 1  # prctl(2)


class UnexpectedError(Exception):
    """An error `load_page` did not expect, carried as its type's name and message."""


def available_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def load_pages(
    found: list[SourceFile], options: ImportOptions, jobs: int | None = None
) -> Iterator[tuple[SourceFile, Page | Exception]]:
    """(file, its Page or the exception it raised) for each file, in order. `jobs`: processes to read
    with (None: one per available core, as the number of files allows)."""
    jobs = min(available_jobs() if jobs is None else jobs, len(found) // FILES_PER_JOB)
    if jobs > 1:  # imported here: ~20 ms that small runs need not pay
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for source in found:
            yield source, load_one(source, options)
        return
    context = multiprocessing.get_context("fork")
    start = (options, os.getpid())
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=start) as pool:
        yield from zip(found, pool.map(_load_in_worker, found, chunksize=CHUNK), strict=True)


def load_one(source: SourceFile, options: ImportOptions) -> Page | Exception:
    """The file's Page, or why not: PageSkipped, PageError, or UnexpectedError naming any other error (by
    its type's name and message: it may not pickle out of a worker)."""
    try:
        return load_page(source, options)
    except (PageSkipped, PageError) as error:
        return error
    except Exception as error:  # noqa: BLE001 - one line per file, never a traceback: the caller reports it
        return UnexpectedError(f"{type(error).__name__}: {error}")


_options: ImportOptions | None = None


def _start(options: ImportOptions, parent: int) -> None:
    global _options
    _options = options
    _die_with(parent)


def _die_with(parent: int) -> None:
    """A worker ends with the import: killed (`kill -9`), the import cannot stop its pool, and the workers
    would wait for work forever, holding its output pipes and database socket open."""
    import ctypes

    try:  # Linux: the kernel kills this process when the one that forked it dies
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # elsewhere a killed import may leave its idle workers behind
        pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _load_in_worker(source: SourceFile) -> Page | Exception:
    return load_one(source, _options)

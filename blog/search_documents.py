"""The PostgreSQL search documents (`search_document_es/pt/en`, migration 0005) during bulk imports.

The trigger that fills a post's documents parses its title and body in three languages on every insert:
most of the database server's work in a first import, and time the importer spends waiting, since it sends
one statement at a time. Inside `deferred()` the trigger of *this* connection leaves the documents empty
(NULL; a computed document, even of an empty text, is never NULL), and a second connection, in a thread,
fills them for each batch as soon as it commits, while the importer prepares the next one: the parsing
overlaps the importer's own work on the other core instead of adding to it.

Nothing can be left unsearchable for good: on the way out (also after an error) every document still NULL
is filled on the importer's own connection, and the same sweep runs first on the way in, for what an
import killed midway left (`fill_missing`, through a partial index that is empty in normal times).

The filling is the trigger's own work (an `UPDATE` naming a title column fires it on a connection that
does not defer), so the documents' definition stays in one place, the migration's trigger. Rows another
transaction holds are skipped, not waited for (`SKIP LOCKED`): the thread never blocks the importer, and
what it skipped is left to the final sweep.

Only outside a transaction: inside one (a test's, a request's) the batches are not committed, so another
connection could not see them, and the trigger keeps doing the work inline.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection, connections, transaction

logger = logging.getLogger(__name__)

SETTING = "bitacora.defer_search_documents"
# The languages with a stored document, and the text search configuration each is parsed with (migrations
# 0003 and 0005: the stemmer with `unaccent` before it). Search reads them too (`discovery`).
SEARCH_CONFIGS = {"es": "es_unaccent", "pt": "pt_unaccent", "en": "en_unaccent"}
LANGUAGES = tuple(SEARCH_CONFIGS)
MISSING = " OR ".join(f"search_document_{language} IS NULL" for language in LANGUAGES)
# Naming a watched column fires the trigger, which recomputes every language's document.
REFILL = f"UPDATE blog_post SET title_{LANGUAGES[0]} = title_{LANGUAGES[0]}"

_filler: Filler | None = None


def fill_missing() -> int:
    """Fill every document still NULL (an import killed midway); how many posts that was."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"{REFILL} WHERE {MISSING}")
        return cursor.rowcount


class Filler(threading.Thread):
    """Fills the documents of committed posts, named batch by batch, on its own connection."""

    def __init__(self) -> None:
        super().__init__(name="search-documents", daemon=True)
        self.batches: queue.Queue[list[int] | None] = queue.Queue()
        self.failed: Exception | None = None

    def fill(self, post_ids: Iterable[int]) -> None:
        self.batches.put(list(post_ids))

    def finish(self) -> None:
        self.batches.put(None)
        self.join()

    def run(self) -> None:
        try:
            while (post_ids := self.batches.get()) is not None:
                if self.failed is None and post_ids:
                    self._fill(post_ids)
        finally:
            connections.close_all()  # this thread's own connection

    def _fill(self, post_ids: list[int]) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"{REFILL} WHERE id IN (SELECT id FROM blog_post WHERE id = ANY(%s) AND ({MISSING}) "
                    "FOR UPDATE SKIP LOCKED)",
                    [post_ids],
                )
        except Exception as error:  # noqa: BLE001 - the final sweep does the work instead
            logger.warning("search documents left to the end of the import: %s", error)
            self.failed = error


@contextmanager
def deferred() -> Iterator[None]:
    """Defer this connection's search documents to a second connection for the block (see the module)."""
    global _filler
    if connection.vendor != "postgresql" or connection.in_atomic_block or _filler is not None:
        yield
        return
    fill_missing()
    with connection.cursor() as cursor:
        cursor.execute(f"SET {SETTING} = 'on'")
    _filler = Filler()
    _filler.start()
    try:
        yield
    finally:
        filler, _filler = _filler, None
        filler.finish()
        if connection.is_usable():
            with connection.cursor() as cursor:
                cursor.execute(f"RESET {SETTING}")
            fill_missing()


def batch_saved(sender, created=(), updated=(), **kwargs) -> None:
    """Hand the batch's posts to the filler once the batch has committed (`posts_saved`)."""
    filler = _filler
    if filler is None:
        return
    post_ids = [post.pk for post in (*created, *updated)]
    transaction.on_commit(lambda: filler.fill(post_ids))

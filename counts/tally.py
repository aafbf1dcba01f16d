"""Keeping `PostTally` and `ReadyCount` in step with the posts: `sync(post_ids)` after a change, `rebuild()`.

A post's tally is what it adds to the counts (see `counts.models`). `sync` recomputes the tallies of the
posts named, from the database or from a just-saved instance, and adds the difference with their stored
tallies to the counts, in the caller's transaction: a write and its counts commit or roll back together.
Parts that cannot have changed are taken from the stored tally (a post's save leaves its tags alone, a tag
change leaves its row alone), so a save that changes nothing counted costs one query.

Concurrent writers are serialised by locking the sentinel tally (post id 0) with their own tallies, in one
statement, before any count is touched: no two transactions ever wait for each other's count rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce

from blog.chunks import chunked
from blog.models import Post, has_content_in, language_codes
from blog.publishing import LanguageStatus
from counts.models import PostTally, ReadyCount

SENTINEL = 0
ANY = ReadyCount.ANY_LANGUAGE
# Listings that show posts in any language (BLOG_LIST_OTHER_LANGUAGES): the home page and the sections.
ANY_LANGUAGE_KINDS = ("all", "section")
# A post's relations and the bucket kind each gives ("tag:<id>"); its row gives "all", "section:", "series:".
RELATIONS = {"tags": "tag", "categories": "category", "authors": "author"}
ROW_KINDS = ("all", "section", "series")


def kind_of(bucket: str) -> str:
    return bucket.partition(":")[0]


def counted_fields() -> set[str]:
    """The post fields a tally derives from (a save naming none of them changes no count)."""
    fields = {"section", "series", "series_id", Post.DUE_DATE_FIELD}
    for code in language_codes():
        fields |= {f"status_{code}", f"publish_at_{code}"}
        fields |= {f"{name}_{code}" for name in Post.CONTENT_FIELDS}
    return fields


def row_share(section: str, series_id, due_at: dict, ready: dict) -> tuple[list, dict]:
    """(row buckets, {language: due timestamp}) for a post's row; `due_at[code]` when that language goes
    live (`goes_live_at`), counted for the languages it is `ready` in."""
    buckets = ["all", f"section:{section}"] + ([f"series:{series_id}"] if series_id else [])
    due = {code: due_at[code].timestamp() for code in language_codes() if ready[code]}
    return buckets, due


def share_of_instance(post: Post) -> tuple[list, dict] | None:
    """The row part of a just-saved post's tally, from the instance; None if a field it needs is deferred."""
    if post.get_deferred_fields() & counted_fields():
        return None
    ready = {
        code: post.has_content_in(code) and post.status_in(code) == LanguageStatus.PUBLISHED
        for code in language_codes()
    }
    due_at = {code: post.goes_live_at(code) for code in language_codes()}
    return row_share(post.section, post.series_id, due_at, ready)


def ready_expression(code: str) -> ExpressionWrapper:
    ready = has_content_in(code) & Q(**{f"status_{code}": LanguageStatus.PUBLISHED})
    return ExpressionWrapper(ready, output_field=BooleanField())


def chunks(ids: list | None) -> Iterable[list | None]:
    if ids is None:
        yield None
        return
    yield from chunked(ids)


def rows_from_database(ids: list | None) -> dict[int, tuple[list, dict]]:
    """The row part of each post's tally (all posts when `ids` is None); a deleted post is absent."""
    codes = language_codes()
    shares = {}
    for part in chunks(ids):
        posts = Post.objects.all() if part is None else Post.objects.filter(pk__in=part)
        rows = posts.order_by().annotate(
            **{f"counts_ready_{code}": ready_expression(code) for code in codes},
            # `goes_live_at` in SQL: the language's own date, else the post's.
            **{f"counts_due_{code}": Coalesce(f"publish_at_{code}", Post.DUE_DATE_FIELD) for code in codes},
        )
        columns = ["pk", "section", "series_id"]
        columns += [f"counts_due_{code}" for code in codes] + [f"counts_ready_{code}" for code in codes]
        for pk, section, series_id, *rest in rows.values_list(*columns):
            due_at = dict(zip(codes, rest[: len(codes)], strict=True))
            ready = dict(zip(codes, rest[len(codes) :], strict=True))
            shares[pk] = row_share(section, series_id, due_at, ready)
    return shares


def relations_from_database(ids: list | None, relations: Iterable[str]) -> dict[int, list[str]]:
    """Each post's relation buckets (`tag:3`, …) for `relations`, in a stable order."""
    found = defaultdict(list)
    for relation in relations:
        through = getattr(Post, relation).through
        target = f"{RELATIONS[relation]}_id"  # the link table's column: tag_id, category_id, author_id
        for part in chunks(ids):
            links = through.objects.all() if part is None else through.objects.filter(post_id__in=part)
            for post_id, term_id in links.order_by("post_id", target).values_list("post_id", target):
                found[post_id].append(f"{RELATIONS[relation]}:{term_id}")
    return found


def contributions(buckets: Iterable[str], due: dict) -> Counter:
    """+1 per (bucket, language) the post counts in: each ready language, and `*` for any-language lists."""
    added = Counter()
    for bucket in buckets:
        for code in due:
            added[(bucket, code)] += 1
        if due and kind_of(bucket) in ANY_LANGUAGE_KINDS:
            added[(bucket, ANY)] += 1
    return added


def locked_tallies(ids: list[int]) -> dict[int, PostTally]:
    """The stored tallies of `ids`, locked (with the sentinel first, which serialises writers)."""
    tallies = {}
    for part in chunks(ids):
        rows = PostTally.objects.select_for_update().filter(post_id__in=[SENTINEL, *part]).order_by("post_id")
        tallies.update({tally.post_id: tally for tally in rows})
    tallies.pop(SENTINEL, None)
    return tallies


def sync(
    post_ids: Iterable[int],
    *,
    relations: Iterable[str] = tuple(RELATIONS),
    rows: dict[int, tuple[list, dict]] | None = None,
    deleted: bool = False,
    new: bool = False,
) -> None:
    """Make the tallies of `post_ids` (and so the counts) match the posts as they are now.

    `relations`: the relations that may have changed (read again); the others come from the stored tally.
    `rows`: the row parts already known (a saved instance's); the others are read. `deleted`: the posts are
    gone. `new`: the posts were just created, so a post without a stored tally has no relations yet.
    """
    ids = sorted({pk for pk in post_ids if pk is not None})
    if not ids:
        return
    relations = tuple(relations)
    # In the write's own transaction when it has one (the admin's, the importer's batch): no savepoint.
    with transaction.atomic(savepoint=False):
        old = locked_tallies(ids)
        new_tallies = {} if deleted else _current(ids, old, relations, rows or {}, new)
        deltas = Counter()
        for pk in ids:
            if pk in old:
                deltas.subtract(contributions(old[pk].buckets, old[pk].due))
            if pk in new_tallies:
                deltas.update(contributions(*new_tallies[pk]))
        apply(deltas)
        _store(ids, old, new_tallies)


def _current(ids, old, relations, rows, new) -> dict[int, tuple[list, dict]]:
    if not new and any(pk not in old for pk in ids):
        relations = tuple(RELATIONS)  # never counted: nothing to keep from a stored tally
    reread_kinds = {RELATIONS[relation] for relation in relations}
    shares = {**rows_from_database([pk for pk in ids if pk not in rows]), **rows}
    linked = relations_from_database(ids, relations) if relations else {}
    current = {}
    for pk in ids:
        if pk not in shares:
            continue  # deleted meanwhile
        row_buckets, due = shares[pk]
        kept = [
            bucket
            for bucket in (old[pk].buckets if pk in old else [])
            if kind_of(bucket) not in ROW_KINDS and kind_of(bucket) not in reread_kinds
        ]
        current[pk] = (row_buckets + sorted(kept + linked.get(pk, []), key=_bucket_order), due)
    return current


def _bucket_order(bucket: str) -> tuple[str, int]:
    kind, _sep, key = bucket.partition(":")
    return kind, int(key) if key.isdigit() else 0


def latest_due(due: dict) -> datetime | None:
    return datetime.fromtimestamp(max(due.values()), tz=UTC) if due else None


def _store(ids, old, current) -> None:
    changed = [
        pk
        for pk in ids
        if (pk in old) != (pk in current)
        or (pk in current and (old[pk].buckets, old[pk].due) != (current[pk][0], current[pk][1]))
    ]
    if not changed:
        return
    PostTally.objects.filter(post_id__in=[pk for pk in changed if pk in old]).delete()
    PostTally.objects.bulk_create(
        PostTally(
            post_id=pk, buckets=current[pk][0], due=current[pk][1], latest_due=latest_due(current[pk][1])
        )
        for pk in changed
        if pk in current
    )


def apply(deltas: Counter) -> None:
    """Add `deltas` ({(bucket, language): n}) to the counts; a bucket row is made when first needed.

    A negative change to a bucket with no row is dropped: its term was deleted (its links went with it,
    without signals), and nothing reads the count of a term that does not exist."""
    changes = {key: delta for key, delta in deltas.items() if delta}
    if not changes:
        return
    rows = _count_rows(sorted({bucket for bucket, _code in changes}))
    missing = [key for key, delta in changes.items() if key not in rows and delta > 0]
    if missing:
        ReadyCount.objects.bulk_create(
            [ReadyCount(bucket=bucket, language=code) for bucket, code in missing], ignore_conflicts=True
        )
        rows.update(_count_rows(sorted({bucket for bucket, _code in missing})))
    by_delta = defaultdict(list)
    for key, delta in changes.items():
        if key in rows:
            by_delta[delta].append(rows[key])
    for delta, pks in by_delta.items():
        for part in chunks(pks):
            ReadyCount.objects.filter(pk__in=part).update(posts=F("posts") + delta)


def _count_rows(buckets: list[str]) -> dict[tuple[str, str], int]:
    rows = {}
    for part in chunks(buckets):
        found = ReadyCount.objects.filter(bucket__in=part).values_list("bucket", "language", "pk")
        rows.update({(bucket, code): pk for bucket, code, pk in found})
    return rows


def rebuild() -> int:
    """Count every post afresh (after a bulk load that bypassed the ORM, or if in doubt); the posts counted.

    Holds the sentinel's lock (PostgreSQL) for the whole rebuild, so no write's `sync` interleaves."""
    with transaction.atomic():
        PostTally.objects.get_or_create(post_id=SENTINEL)
        locked_tallies([])
        shares = rows_from_database(None)
        linked = relations_from_database(None, RELATIONS)
        PostTally.objects.exclude(post_id=SENTINEL).delete()
        ReadyCount.objects.all().delete()
        totals = Counter()
        tallies = []
        for pk, (row_buckets, due) in shares.items():
            buckets = row_buckets + sorted(linked.get(pk, []), key=_bucket_order)
            totals.update(contributions(buckets, due))
            tallies.append(PostTally(post_id=pk, buckets=buckets, due=due, latest_due=latest_due(due)))
        PostTally.objects.bulk_create(tallies, batch_size=2000)
        ReadyCount.objects.bulk_create(
            [ReadyCount(bucket=bucket, language=code, posts=n) for (bucket, code), n in totals.items()],
            batch_size=2000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE counts_posttally")
    return len(tallies)

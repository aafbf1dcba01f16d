"""Generate a large site into the configured database: COPY on PostgreSQL, bulk_create elsewhere.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python -m bench.generate --posts 100000

Defaults: 10,000 posts, each in es/pt/en (Markdown bodies of ~300 words with headings, lists and code),
200 tags, 20 authors, 12 categories, 30 series, 50 events; every post has 3 tags, an author and a category.
`--wipe` deletes earlier content first. Deterministic (seeded), so runs are comparable.

Vocabulary, so that search can be measured for common and rare words: bodies and titles are drawn from 20
common words per language (`migración`/`migração`/`migration` is in practically every post), and each post
has one topic word (`TOPICS`, the same topic in its three languages) drawn with Zipf weights 1/k²: the
first topic is in ~63 % of the posts, the last (`astronomía`/`astronomia`/`astronomy`) in ~0.16 %.

On PostgreSQL the posts and their relations are streamed with `COPY … FROM STDIN` in batches of
`--batch` posts (one transaction each); the search documents are filled by the trigger of migration
`blog.0005`, like any insert. Finally `VACUUM (ANALYZE)` refreshes the planner statistics (a bulk load leaves
them stale) and the visibility map, as autovacuum would soon after a real import.
"""

from __future__ import annotations

import argparse
import random
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import timedelta

from bench.setup_django import setup

LANGUAGES = ("es", "pt", "en")
WORDS = {
    "es": "comunidad software libre migración código datos proyecto encuentro charla infraestructura nube "
    "desarrollo prueba despliegue servidor seguridad rendimiento documentación traducción diseño".split(),
    "pt": "comunidade software livre migração código dados projeto encontro palestra infraestrutura nuvem "
    "desenvolvimento teste implantação servidor segurança desempenho documentação tradução design".split(),
    "en": "community free software migration code data project meetup talk infrastructure cloud "
    "development testing deployment server security performance documentation translation design".split(),
}
# One topic per post, the same in its three languages (es, pt, en), most frequent first.
TOPICS = [
    ("kubernetes", "kubernetes", "kubernetes"),
    ("observabilidad", "observabilidade", "observability"),
    ("accesibilidad", "acessibilidade", "accessibility"),
    ("criptografía", "criptografia", "cryptography"),
    ("telemetría", "telemetria", "telemetry"),
    ("virtualización", "virtualização", "virtualization"),
    ("compiladores", "compiladores", "compilers"),
    ("federación", "federação", "federation"),
    ("interoperabilidad", "interoperabilidade", "interoperability"),
    ("licenciamiento", "licenciamento", "licensing"),
    ("mentoría", "mentoria", "mentorship"),
    ("sostenibilidad", "sustentabilidade", "sustainability"),
    ("localización", "localização", "localization"),
    ("reproducibilidad", "reprodutibilidade", "reproducibility"),
    ("auditoría", "auditoria", "auditing"),
    ("soberanía", "soberania", "sovereignty"),
    ("firmware", "firmware", "firmware"),
    ("cartografía", "cartografia", "cartography"),
    ("tipografía", "tipografia", "typography"),
    ("astronomía", "astronomia", "astronomy"),
]
TOPIC_WEIGHTS = [1 / (rank + 1) ** 2 for rank in range(len(TOPICS))]
# What bench.search_bench searches for: (common, rare) per language.
COMMON_WORDS = {"es": "migración", "pt": "migração", "en": "migration"}
RARE_WORDS = dict(zip(LANGUAGES, TOPICS[-1], strict=True))


def sentence(rng: random.Random, language: str, words: int, topic: str = "") -> str:
    chosen = rng.choices(WORDS[language], k=words)
    if topic:
        chosen.insert(rng.randrange(len(chosen) + 1), topic)
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def markdown_body(rng: random.Random, language: str, title: str, topic: str) -> str:
    parts = [sentence(rng, language, 25, topic)]
    for section in range(1, 4):
        parts.append(f"## {title} {section}")
        parts.append(" ".join(sentence(rng, language, rng.randint(10, 20)) for _ in range(5)))
        parts.append("\n".join(f"- {sentence(rng, language, 6)}" for _ in range(3)))
    parts.append("```python\ndef hello(name):\n    return f'hola {name}'\n```")
    return "\n\n".join(parts)


def make_terms(model, prefix: str, count: int) -> list:
    model.objects.bulk_create(
        model(slug=f"{prefix}-{n}", **{f"name_{code}": f"{prefix} {n} {code}" for code in LANGUAGES})
        for n in range(1, count + 1)
    )
    return list(model.objects.filter(slug__startswith=f"{prefix}-"))


def make_authors(count: int) -> list:
    from blog.models import Author

    return Author.objects.bulk_create(
        Author(
            slug=f"bench-author-{n}",
            name=f"Bench Author {n}",
            **{f"bio_{c}": f"Bio {n} {c}" for c in LANGUAGES},
        )
        for n in range(1, count + 1)
    )


def build_post(rng: random.Random, n: int, pk: int, now, series_rows: list):
    from blog.models import Post

    topic = rng.choices(TOPICS, weights=TOPIC_WEIGHTS)[0]
    values = {}
    for code, topic_word in zip(LANGUAGES, topic, strict=True):
        title = f"{sentence(rng, code, 5)[:-1]} {n}"
        values[f"title_{code}"] = title
        values[f"slug_{code}"] = f"bench-{n}-{code}"
        values[f"summary_{code}"] = sentence(rng, code, 30)
        values[f"body_{code}"] = markdown_body(rng, code, title, topic_word)
        # One post in 97 is a draft; one in 31 has its Portuguese still in review.
        held_back = n % 97 == 0 or (code == "pt" and n % 31 == 0)
        values[f"status_{code}"] = "review" if held_back and n % 97 else "draft" if held_back else "published"
    return Post(
        id=pk,
        section=rng.choice(("blog", "blog", "blog", "news", "openinfra")),
        date=now - timedelta(hours=n * 7),
        featured=n % 50 == 0,
        carousel=n <= 40 and n % 5 == 0,
        pinned=n in (3, 9),
        series=rng.choice(series_rows) if n % 10 == 0 else None,
        source_key=f"bench/{n}",
        translation_key=f"bench-{n}",
        **values,
    )


class Relations:
    """The rows of the three M2M tables for a batch of posts: (post id, term id) pairs."""

    def __init__(self):
        self.tags, self.authors, self.categories = [], [], []

    def add(self, rng: random.Random, pk: int, tags: list, authors: list, categories: list) -> None:
        self.tags.extend((pk, tag.pk) for tag in rng.sample(tags, 3))
        self.authors.append((pk, rng.choice(authors).pk))
        self.categories.append((pk, rng.choice(categories).pk))

    def tables(self):
        from blog.models import Post

        for field, rows in (("tags", self.tags), ("authors", self.authors), ("categories", self.categories)):
            through = getattr(Post, field).through
            term_column = through._meta.get_field(getattr(Post, field).field.m2m_reverse_field_name()).column
            yield through, term_column, rows


def copy_batch(posts: list, relations: Relations) -> None:
    """Stream one batch with COPY (PostgreSQL): every concrete column, values prepared as Django would."""
    from django.db import connection
    from psycopg import sql

    from blog.models import Post

    fields = Post._meta.concrete_fields
    columns = sql.SQL(", ").join(sql.Identifier(field.column) for field in fields)
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(Post._meta.db_table), columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement) as copy:
            for post in posts:
                copy.write_row(
                    [field.get_db_prep_save(field.pre_save(post, True), connection) for field in fields]
                )
        for through, term_column, rows in relations.tables():
            statement = sql.SQL("COPY {} (post_id, {}) FROM STDIN").format(
                sql.Identifier(through._meta.db_table), sql.Identifier(term_column)
            )
            with cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)


def bulk_create_batch(posts: list, relations: Relations) -> None:
    """The same rows through the ORM (SQLite and other databases)."""
    from blog.models import Post

    Post.objects.bulk_create(posts)
    for through, term_column, rows in relations.tables():
        through.objects.bulk_create(through(post_id=post, **{f"{term_column}": term}) for post, term in rows)


def reset_sequences() -> None:
    """Explicit ids were written: move the id sequences past them (PostgreSQL)."""
    from django.core.management.color import no_style
    from django.db import connection

    from blog.models import Post

    models = [Post, Post.tags.through, Post.authors.through, Post.categories.through]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def make_events(rng: random.Random, count: int, now) -> None:
    from events.models import Event

    Event.objects.bulk_create(
        Event(
            slug=f"bench-event-{n}",
            starts_at=now + timedelta(days=n * 9 - 200),
            ends_at=now + timedelta(days=n * 9 - 199),
            timezone="America/Bogota",
            city="Bogotá",
            **{f"name_{c}": f"Event {n} {c}" for c in LANGUAGES},
            **{f"summary_{c}": sentence(rng, c, 12) for c in LANGUAGES},
        )
        for n in range(1, count + 1)
    )


def write_in_transaction(write, rows: list, relations: Relations) -> None:
    """One batch in its own transaction, on a connection of this writer thread's own (closed after it)."""
    from django.db import connection, transaction

    try:
        with transaction.atomic():
            write(rows, relations)
    finally:
        connection.close()


def generate(
    *, posts: int, tags: int, authors: int, events: int, batch: int = 2000, jobs: int = 2
) -> dict[str, int]:
    """Posts are built in this thread (in order, so the data is the same whatever `jobs`) and written by
    `jobs` threads, each with its own connection: on PostgreSQL the trigger's parsing of three bodies per
    post is most of the time, and two server processes share it."""
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from blog.models import Category, Post, Series, Tag
    from blog.signals import import_finished
    from counts.tally import rebuild as rebuild_counts
    from events.models import Event

    rng = random.Random(7)
    now = timezone.now()
    author_rows = make_authors(authors)
    tag_rows = make_terms(Tag, "bench-tag", tags)
    category_rows = make_terms(Category, "bench-category", 12)
    series_rows = make_terms(Series, "bench-series", 30)
    write = copy_batch if connection.vendor == "postgresql" else bulk_create_batch
    first_id = (Post.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    # SQLite allows one writer: threads there would only wait for each other's locks.
    jobs = jobs if connection.vendor == "postgresql" else 1
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        pending = set()
        for start in range(0, posts, batch):
            rows, relations = [], Relations()
            for n in range(start + 1, min(posts, start + batch) + 1):
                pk = first_id + n - 1
                rows.append(build_post(rng, n, pk, now, series_rows))
                relations.add(rng, pk, tag_rows, author_rows, category_rows)
            pending.add(pool.submit(write_in_transaction, write, rows, relations))
            if len(pending) > jobs:  # bounded memory: at most one batch waiting per writer
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()
        for future in pending:
            future.result()
    if connection.vendor == "postgresql":
        reset_sequences()
    make_events(rng, events, now)
    # Neither COPY nor bulk_create sends post_save: count the posts afresh (counts.tally), and tell the
    # caches, as an import does.
    rebuild_counts()
    import_finished.send(sender=Post, summary=None)
    return {"posts": Post.objects.count(), "tags": Tag.objects.count(), "events": Event.objects.count()}


def vacuum_analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


def wipe() -> None:
    from blog.models import Author, Category, Post, Series, Tag
    from events.models import Event

    for model in (Event, Post, Tag, Category, Series, Author):
        model.objects.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--tags", type=int, default=200)
    parser.add_argument("--authors", type=int, default=20)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--batch", type=int, default=2000, help="posts per COPY / transaction")
    parser.add_argument("--jobs", type=int, default=2, help="writer threads (connections) on PostgreSQL")
    parser.add_argument("--wipe", action="store_true", help="delete all content first")
    args = parser.parse_args()
    setup()
    if args.wipe:
        wipe()
    started = time.perf_counter()
    counts = generate(
        posts=args.posts,
        tags=args.tags,
        authors=args.authors,
        events=args.events,
        batch=args.batch,
        jobs=args.jobs,
    )
    loaded = time.perf_counter()
    vacuum_analyze()
    finished = time.perf_counter()
    print(
        f"generated in {loaded - started:.1f} s, VACUUM (ANALYZE) {finished - loaded:.1f} s, "
        f"total {finished - started:.1f} s: {counts}"
    )


if __name__ == "__main__":
    main()

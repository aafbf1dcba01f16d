"""Generate a large site into the configured database with bulk_create.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_bench .venv/bin/python -m bench.generate --posts 10000

Defaults: 10,000 posts, each in es/pt/en (Markdown bodies of a few hundred words with headings, lists and
code), 200 tags, 20 authors, 12 categories, 30 series, 50 events. `--wipe` deletes earlier content first.
Deterministic (seeded), so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
import time
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


def sentence(rng: random.Random, language: str, words: int) -> str:
    text = " ".join(rng.choice(WORDS[language]) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def markdown_body(rng: random.Random, language: str, title: str) -> str:
    parts = [sentence(rng, language, 25)]
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


def generate(*, posts: int, tags: int, authors: int, events: int, batch: int = 500) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from blog.models import Author, Category, Post, Series, Tag
    from blog.signals import import_finished
    from events.models import Event

    rng = random.Random(7)
    now = timezone.now()
    with transaction.atomic():
        author_rows = Author.objects.bulk_create(
            Author(
                slug=f"bench-author-{n}",
                name=f"Bench Author {n}",
                **{f"bio_{c}": f"Bio {n} {c}" for c in LANGUAGES},
            )
            for n in range(1, authors + 1)
        )
        tag_rows = make_terms(Tag, "bench-tag", tags)
        category_rows = make_terms(Category, "bench-category", 12)
        series_rows = make_terms(Series, "bench-series", 30)
    for start in range(0, posts, batch):
        with transaction.atomic():
            rows = []
            for n in range(start + 1, min(posts, start + batch) + 1):
                values = {}
                for code in LANGUAGES:
                    title = f"{sentence(rng, code, 5)[:-1]} {n}"
                    values[f"title_{code}"] = title
                    values[f"slug_{code}"] = f"bench-{n}-{code}"
                    values[f"summary_{code}"] = sentence(rng, code, 30)
                    values[f"body_{code}"] = markdown_body(rng, code, title)
                rows.append(
                    Post(
                        section=rng.choice(("blog", "blog", "blog", "news", "openinfra")),
                        date=now - timedelta(hours=n * 7),
                        draft=n % 97 == 0,
                        featured=n % 50 == 0,
                        carousel=n <= 40 and n % 5 == 0,
                        pinned=n in (3, 9),
                        series=rng.choice(series_rows) if n % 10 == 0 else None,
                        source_key=f"bench/{n}",
                        translation_key=f"bench-{n}",
                        **values,
                    )
                )
            created = Post.objects.bulk_create(rows)
            Post.tags.through.objects.bulk_create(
                Post.tags.through(post_id=post.pk, tag_id=tag.pk)
                for post in created
                for tag in rng.sample(tag_rows, 3)
            )
            Post.authors.through.objects.bulk_create(
                Post.authors.through(post_id=post.pk, author_id=rng.choice(author_rows).pk)
                for post in created
            )
            Post.categories.through.objects.bulk_create(
                Post.categories.through(post_id=post.pk, category_id=rng.choice(category_rows).pk)
                for post in created
            )
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
        for n in range(1, events + 1)
    )
    # bulk_create sends no post_save: tell the caches, as an import does.
    import_finished.send(sender=Post, summary=None)
    return {"posts": Post.objects.count(), "tags": Tag.objects.count(), "events": Event.objects.count()}


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
    parser.add_argument("--wipe", action="store_true", help="delete all content first")
    args = parser.parse_args()
    setup()
    if args.wipe:
        wipe()
    started = time.perf_counter()
    counts = generate(posts=args.posts, tags=args.tags, authors=args.authors, events=args.events)
    print(f"generated in {time.perf_counter() - started:.1f} s: {counts}")


if __name__ == "__main__":
    main()

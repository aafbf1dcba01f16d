"""What a Hugo site holds besides posts (issue 12, points 2 and 4): author pages with Hugo's precedence
between `_index.md` and `_index.<default>.md`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from blog.models import Author

pytestmark = pytest.mark.django_db

CONFIG = "defaultContentLanguage: es\nlanguages:\n  es: {weight: 1}\n  en: {weight: 2}\n  pt: {weight: 3}\n"


def hugo_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"hugo.yaml": CONFIG, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_import(root: Path, **options) -> str:
    out = StringIO()
    call_command("import_posts", hugo_site=str(root), stdout=out, stderr=StringIO(), verbosity=2, **options)
    return out.getvalue()


def test_an_authors_explicit_default_language_page_wins_over_the_unsuffixed_one(tmp_path):
    """es is the default language, so `_index.md` and `_index.es.md` are both es: Hugo keeps `.es.md`
    (files are read in name order, so `_index.md` comes last and used to win)."""
    root = hugo_site(
        tmp_path,
        {
            "content/authors/ana/_index.es.md": "---\ntitle: Ana Pérez\ndescription: Bio nueva.\n---\n",
            "content/authors/ana/_index.md": "---\ntitle: Ana Vieja\ndescription: Bio vieja.\n---\n",
            "content/authors/ana/_index.en.md": "---\ntitle: Ana Pérez\ndescription: New bio.\n---\n",
        },
    )
    out = run_import(root)
    author = Author.objects.get(slug="ana")
    assert (author.name, author.bio_es, author.bio_en) == ("Ana Pérez", "Bio nueva.", "New bio.")
    skipped = root / "content/authors/ana/_index.md"
    assert f"{skipped}: skipped: second es version of 'ana': kept authors/ana/_index.es.md" in out
    assert "1 created" in out and "1 skipped" in out

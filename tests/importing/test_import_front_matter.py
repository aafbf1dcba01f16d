"""Every front-matter key the issue lists is stored where it belongs; unknown keys go to `extra`."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post, PostRedirect
from importing.pages import FLAGS

pytestmark = pytest.mark.django_db

FULL = """---
title: Notas de la versión
date: 2025-03-04T10:00:00-03:00
lastmod: 2025-03-05T11:30:00-03:00
slug: notas-version
description: Lo nuevo en pocas líneas.
categories: [Noticias]
tags: [Lanzamiento, Comunidad]
series: [Bitácora]
authors: [ana.ruiz]
images: [/images/notas.png]
aliases: [/viejas/notas/]
translationKey: notas-1
canonical_source: https://archive.example.net/notas
weight: 3
---
Cuerpo de la nota.
"""


def import_text(tmp_path, text: str, name: str = "notas.md") -> Post:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    call_command("import_posts", str(path), stdout=StringIO(), stderr=StringIO(), lang="es")
    return Post.objects.get()


def test_every_listed_key_is_stored(tmp_path):
    post = import_text(tmp_path, FULL)
    assert (post.title_es, post.slug_es, post.summary_es) == (
        "Notas de la versión",
        "notas-version",
        "Lo nuevo en pocas líneas.",
    )
    assert post.date == datetime(2025, 3, 4, 13, 0, tzinfo=UTC)
    assert post.updated == datetime(2025, 3, 5, 14, 30, tzinfo=UTC)
    assert list(post.categories.values_list("name_es", flat=True)) == ["Noticias"]
    assert sorted(post.tags.values_list("name_es", flat=True)) == ["Comunidad", "Lanzamiento"]
    assert post.series.name_es == "Bitácora"
    assert list(post.authors.values_list("slug", flat=True)) == ["ana.ruiz"]
    assert post.cover_source == "/images/notas.png"
    assert post.translation_key == post.source_key == "notas-1"
    assert PostRedirect.objects.filter(
        path="/viejas/notas/", post=post, origin=PostRedirect.Origin.ALIAS
    ).exists()


def test_unknown_keys_go_to_extra_as_written(tmp_path):
    post = import_text(tmp_path, FULL)
    assert post.extra == {"es": {"canonical_source": "https://archive.example.net/notas", "weight": 3}}


def test_summary_key_is_the_summary_when_there_is_no_description(tmp_path):
    text = FULL.replace("description: Lo nuevo en pocas líneas.", "summary: Resumen propio.")
    assert import_text(tmp_path, text).summary_es == "Resumen propio."


def test_more_marker_gives_the_summary_when_no_description(tmp_path):
    text = FULL.replace("description: Lo nuevo en pocas líneas.\n", "").replace(
        "Cuerpo de la nota.", "Primer párrafo.\n\n<!--more-->\n\nEl resto."
    )
    assert import_text(tmp_path, text).summary_es == "Primer párrafo."


@pytest.mark.parametrize("flag", FLAGS)
def test_each_flag_is_read_on_its_own(tmp_path, flag):
    post = import_text(tmp_path, FULL.replace("weight: 3\n", f"weight: 3\n{flag}: true\n"))
    assert {name for name in FLAGS if flag_value(post, name)} == {flag}


def flag_value(post, name: str) -> bool:
    """A front-matter flag as stored: `draft` holds back the file's own language (per-language status)."""
    return post.status_es == "draft" if name == "draft" else getattr(post, name)


def test_terms_that_differ_only_by_symbols_stay_apart(tmp_path):
    post = import_text(
        tmp_path, FULL.replace("tags: [Lanzamiento, Comunidad]", "tags: [C, C++, C#, F#, '#Go']")
    )
    assert sorted(post.tags.values_list("slug", "name_es")) == [
        ("c", "C"),
        ("c-plus-plus", "C++"),
        ("c-sharp", "C#"),
        ("f-sharp", "F#"),
        ("go", "#Go"),
    ]

"""Markdown rendering: sanitised, highlighted, anchored HTML; TOC and reading time; the per-version cache."""

import pytest

from blog.models import PostRedirect
from blog.rendering import TOC_MIN_WORDS, body_cache_key, reading_minutes, render_markdown, rendered_body
from tests.factories import make_post
from tests.html import attrs, select, select_one, text


def test_script_tags_never_reach_the_html():
    html = render_markdown("Hola <script>alert('x')</script> mundo").html
    assert "<script" not in html
    assert "alert" not in html


def test_event_handler_attributes_are_removed():
    html = render_markdown('<img src="/a.png" onerror="alert(1)"> <a href="/x" onclick="steal()">x</a>').html
    assert "onerror" not in html
    assert "onclick" not in html


def test_javascript_urls_are_removed():
    html = render_markdown("[click](javascript:alert(1)) <a href='JaVaScRiPt:alert(2)'>y</a>").html
    assert "javascript" not in html.lower()


def test_headings_get_unicode_ids_and_anchor_links():
    html = render_markdown("## Reunión en Bogotá", anchor_title="Enlace").html
    assert 'id="reunión-en-bogotá"' in html
    assert 'href="#reunión-en-bogotá"' in html
    assert 'title="Enlace"' in html


def test_heading_levels_are_kept_as_written_as_hugo_does():
    assert [tag.name for tag in select(render_markdown("### Uno\n\n#### Dos").html, "h2, h3, h4")] == [
        "h3",
        "h4",
    ]


def test_code_blocks_are_highlighted_with_css_classes_not_inline_styles():
    html = render_markdown("```python\ndef f():\n    return 1\n```").html
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


def test_tables_render_with_alignment_only_as_style():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |").html
    assert "<table>" in html
    assert 'style="text-align:right"' in html


def test_images_are_lazy_and_get_width_and_height_from_the_size_lookup():
    html = render_markdown("![Mapa](/media/mapa.png)", image_size=lambda src: (800, 600)).html
    assert 'loading="lazy"' in html
    assert 'width="800"' in html and 'height="600"' in html


def test_list_right_under_a_paragraph_is_a_list_as_in_hugo():
    html = render_markdown("Temas:\n* uno\n* dos").html
    assert "<ul>" in html and "<li>uno</li>" in html


def test_list_items_indented_by_one_to_three_spaces_are_a_list():
    html = render_markdown("Pasos:\n\n - uno\n   - dos\n  - tres").html
    assert len(select(html, "li")) == 3


def test_a_list_indented_by_two_spaces_nests_under_the_item_above():
    html = render_markdown("- a\n- b\n  - b1\n  - b2\n- c").html
    assert len(select(html, "ul > li")) == 5
    assert [li.get_text() for li in select(html, "ul ul > li")] == ["b1", "b2"]


def test_typographer_curls_quotes_and_makes_dashes_and_ellipses_as_goldmark_does():
    html = render_markdown('Sin "lo aburrido" -- y --- don\'t... (c) << x >>').html
    assert (
        select_one(html, "p").get_text()
        == "Sin \u201clo aburrido\u201d \u2013 y \u2014 don\u2019t\u2026 (c) \u00ab x \u00bb"
    )


def test_code_keeps_straight_quotes_and_dashes():
    html = render_markdown('`"a" -- b`\n\n```\nprint("x") # --- ...\n```').html
    assert select_one(html, "p code").get_text() == '"a" -- b'
    assert 'print("x") # --- ...' in select_one(html, "pre").get_text()


def test_heading_ids_follow_hugo_repeats_get_a_number_and_an_explicit_id_wins():
    html = render_markdown("## What's `new`?\n\n## What's new\n\n## Otro {#mi-id}").html
    assert attrs(html, "h2", "id") == ["whats-new", "whats-new-1", "mi-id"]
    assert text(html, "h2:last-child") == "Otro#"


def test_urls_with_a_scheme_and_email_addresses_become_links_bare_domains_do_not():
    html = render_markdown("Ver https://example.org/a--b, escribir a info@example.org o example.org").html
    assert attrs(html, "a", "href") == ["https://example.org/a--b", "mailto:info@example.org"]


def test_footnotes_render_as_a_numbered_note_list():
    html = render_markdown("Dato[^1].\n\n[^1]: La fuente.").html
    assert text(html, "sup a") == "1"
    assert text(html, "div.footnotes li") == "La fuente. \u21a9\ufe0e"


def test_toc_lists_the_headings_of_a_body_past_the_word_count_whatever_their_number():
    words = " ".join(["palabra"] * (TOC_MIN_WORDS + 1))
    two = render_markdown(f"## A\n\n{words}\n\n## B")
    assert two.has_toc()
    assert 'href="#b"' in two.toc_html


def test_toc_needs_more_words_than_the_themes_threshold():
    words = " ".join(["palabra"] * (TOC_MIN_WORDS - 10))
    assert not render_markdown(f"## A\n\n{words}\n\n## B\n\n### C").has_toc()


def test_toc_needs_a_heading():
    assert not render_markdown(" ".join(["palabra"] * (TOC_MIN_WORDS + 1))).has_toc()


def test_reading_time_rounds_up_at_200_words_a_minute():
    assert reading_minutes("palabra " * 10) == 1
    assert reading_minutes("palabra " * 201) == 2
    assert reading_minutes("") == 1


def test_cache_key_changes_with_the_post_version(settings):
    post_version_one = body_cache_key(7, "es", None)
    from datetime import UTC, datetime

    post_version_two = body_cache_key(7, "es", datetime(2025, 1, 1, tzinfo=UTC))
    assert post_version_one != post_version_two
    assert body_cache_key(7, "pt", None) != post_version_one


@pytest.mark.django_db
def test_rendered_body_renders_the_language_asked_for():
    post = make_post(body_es="## Hola\n\nTexto", body_pt="## Olá\n\nTexto")
    assert "Olá" in rendered_body(post, "pt").html
    assert "Hola" in rendered_body(post, "es").html


@pytest.mark.django_db
def test_rendered_body_is_served_from_the_cache_until_the_post_changes():
    post = make_post(body_es="## Primero\n\nTexto")
    rendered_body(post, "es")
    post.body_es = "## Segundo\n\nTexto"
    stale = rendered_body(post, "es")  # same modified_at: the cached version
    post.save()
    fresh = rendered_body(post, "es")
    assert "Primero" in stale.html
    assert "Segundo" in fresh.html


@pytest.mark.django_db
def test_a_link_to_an_old_hugo_url_points_to_the_post_now_in_that_language():
    target = make_post(slug_pt="guia-hoje")
    old = "/pt/blog/2025/07/guía-antes/"
    PostRedirect.objects.create(path=old, post=target, language="pt", origin="hugo")
    post = make_post(body_es="Ver [la guía](/pt/blog/2025/07/gu%C3%ADa-antes/#pasos) y [otra](/blog/x/).")
    assert attrs(rendered_body(post, "es").html, "a", "href") == [
        target.get_absolute_url("pt") + "#pasos",
        "/blog/x/",
    ]


@pytest.mark.django_db
def test_a_link_to_the_old_url_of_a_draft_is_left_as_written():
    target = make_post(draft=True)
    PostRedirect.objects.create(path="/blog/borrador/", post=target, language="es", origin="hugo")
    post = make_post(body_es="[borrador](/blog/borrador/)")
    assert attrs(rendered_body(post, "es").html, "a", "href") == ["/blog/borrador/"]

"""Outdated translations: a published source edit marks the other languages outdated and the diff shows
it (paragraph and word); "still accurate" clears it; draft saves of the source mark nothing; the source
language can change; imports and existing content are recorded."""

import pytest
from django.contrib.auth.models import User

from blog.models import Post
from tests.factories import make_post
from translating import outdated, receivers
from translating.models import PublishedSource, TranslationBasis

pytestmark = pytest.mark.django_db

BODY_ES = "## Introducción\n\nLa comunidad se reunió en Bogotá.\n\nHablamos de software libre."


@pytest.fixture
def post():
    """A post written in Spanish, translated into Portuguese and English, every language published."""
    return make_post(body_es=BODY_ES, source_language="es")


def edit_source(post, **fields):
    for name, value in fields.items():
        setattr(post, name, value)
    post.save()
    return Post.objects.get(pk=post.pk)


def test_a_new_published_post_records_its_source_and_its_translations_are_up_to_date(post):
    source = PublishedSource.objects.of(post).get()
    assert source.language == "es"
    assert source.snapshot["body"] == BODY_ES
    assert outdated.outdated_languages(post) == []


def test_a_published_source_edit_marks_the_other_languages_outdated(post):
    post = edit_source(post, body_es=BODY_ES.replace("Bogotá", "Medellín"))
    assert outdated.outdated_languages(post) == ["pt", "en"]


def test_the_diff_shows_the_changed_paragraph_and_the_changed_word(post):
    post = edit_source(post, body_es=BODY_ES.replace("Bogotá", "Medellín"))
    [body] = outdated.diff(post, "pt")
    [change] = body.changes
    assert body.field == "body"
    assert change.kind == "changed"
    assert change.old == "La comunidad se reunió en Bogotá."
    assert [s.text for s in change.old_segments if s.op == "delete"] == ["Bogotá"]
    assert [s.text for s in change.new_segments if s.op == "insert"] == ["Medellín"]


def test_the_diff_shows_an_added_paragraph(post):
    post = edit_source(post, body_es=BODY_ES + "\n\nUn párrafo nuevo.")
    [body] = outdated.diff(post, "en")
    assert [(c.kind, c.new) for c in body.changes] == [("added", "Un párrafo nuevo.")]


def test_the_diff_shows_a_changed_title_word_by_word(post):
    post = edit_source(post, title_es="Un título distinto")
    [title] = outdated.diff(post, "pt")
    assert title.field == "title"
    assert [s.text for s in title.changes[0].new_segments if s.op == "insert"] == ["Un título distinto"]


def test_rewrapping_a_paragraph_marks_nothing(post):
    post = edit_source(post, body_es=BODY_ES.replace("se reunió en", "se reunió\nen"))
    assert outdated.outdated_languages(post) == []


def test_still_accurate_clears_the_mark_for_that_language_only(post):
    post = edit_source(post, body_es=BODY_ES.replace("Bogotá", "Bogota"))
    user = User.objects.create_user("traductora", is_staff=True)
    outdated.confirm(post, "pt", user)
    assert outdated.outdated_languages(post) == ["en"]
    assert outdated.diff(post, "pt") == []
    assert TranslationBasis.objects.of(post).get(language="pt").confirmed_by == user


def test_a_draft_save_of_the_source_marks_nothing(post):
    post = edit_source(post, status_es="draft")
    post = edit_source(post, body_es=BODY_ES.replace("Bogotá", "Medellín"))
    assert outdated.outdated_languages(post) == []
    assert PublishedSource.objects.of(post).get().snapshot["body"] == BODY_ES


def test_a_source_edited_in_draft_marks_the_translations_once_published(post):
    post = edit_source(post, status_es="review", body_es=BODY_ES.replace("Bogotá", "Medellín"))
    post = edit_source(post, status_es="published")
    assert outdated.outdated_languages(post) == ["pt", "en"]


def test_an_edit_of_a_translation_marks_nothing(post):
    post = edit_source(post, body_pt="Outro texto.")
    assert outdated.outdated_languages(post) == []


def test_a_translation_written_before_a_source_change_is_outdated_by_it():
    """pt is added through the ordinary form (no basis): it was made from the source published then."""
    post = make_post(languages=("es",), body_es=BODY_ES)
    post = edit_source(post, title_pt="Título", body_pt="Texto.", status_pt="published")
    assert outdated.outdated_languages(post) == []
    post = edit_source(post, body_es=BODY_ES + "\n\nMás.")
    assert outdated.outdated_languages(post) == ["pt"]


def test_changing_the_source_language_compares_with_the_new_source(post):
    post = edit_source(post, source_language="pt")
    assert outdated.outdated_languages(post) == []
    post = edit_source(post, body_es="Otro texto en español.")
    assert outdated.outdated_languages(post) == []  # es is a translation now
    post = edit_source(post, body_pt="Outro texto em português.")
    assert outdated.outdated_languages(post) == ["es", "en"]


def test_a_save_of_fields_the_source_does_not_have_costs_no_query(post, django_assert_num_queries):
    with django_assert_num_queries(0):
        receivers.item_saved(Post, post, update_fields={"cover_renditions"})


def test_an_unchanged_save_of_a_published_source_costs_one_query(post, django_assert_num_queries):
    post = Post.objects.get(pk=post.pk)
    with django_assert_num_queries(1):
        outdated.track_published_source(post)


def test_events_and_pages_are_tracked_too():
    from events.models import Event
    from pages.models import Page

    event = Event.objects.create(
        slug="meetup", name_es="Encuentro", name_pt="Encontro", status_es="published"
    )
    page = Page.objects.create(slug="about", title_es="Acerca", title_en="About", status_es="published")
    event.description_es = "Nueva descripción."
    event.save()
    page.body_es = "Texto nuevo."
    page.save()
    assert outdated.outdated_languages(event) == ["pt"]
    assert outdated.outdated_languages(page) == ["en"]


def saved_in_one_batch(build, edits=()):
    """Posts created (and posts edited) inside `saved_in_batch()`, then announced with `posts_saved`, as
    the importer does with each batch of post groups."""
    from blog.signals import posts_saved, saved_in_batch

    with saved_in_batch():
        created = [build() for _ in range(3)]
        for post, fields in edits:
            edit_source(post, **fields)
    posts_saved.send(sender=Post, created=created, updated=[post for post, _fields in edits])
    return created


def test_posts_saved_in_a_batch_record_what_single_saves_record():
    def rows(post):
        source = PublishedSource.objects.of(post).values_list("language", "digest", "snapshot", "words").get()
        bases = TranslationBasis.objects.of(post).values_list("language", "digest", "outdated")
        return source, sorted(bases)

    same = {"body_es": BODY_ES, "title_es": "Hola", "summary_es": "", "source_language": "es"}
    alone = make_post(**same)
    batch = saved_in_one_batch(lambda: make_post(**same))
    for post in batch:
        assert rows(post) == rows(alone)


def test_a_batch_records_its_new_posts_in_a_constant_number_of_queries(django_assert_num_queries):
    from blog.signals import saved_in_batch

    with saved_in_batch():
        posts = [make_post(body_es=BODY_ES) for _ in range(12)]
    with django_assert_num_queries(4):  # stored sources, stray bases, then one insert per table
        receivers.batch_saved(Post, created=posts, updated=[])
    assert PublishedSource.objects.filter(object_id__in=[post.pk for post in posts]).count() == 12


def test_a_source_edited_in_a_batch_marks_its_translations_outdated(post):
    saved_in_one_batch(make_post, edits=[(post, {"body_es": BODY_ES.replace("Bogotá", "Cali")})])
    assert outdated.outdated_languages(Post.objects.get(pk=post.pk)) == ["pt", "en"]


def test_blocks_are_split_by_their_lines_whatever_inline_markup_they_hold():
    from translating.fingerprints import split_blocks

    text = (
        "## Un *título* con `código`\n\nTexto con [enlace](https://example.org) y **negrita**\n"
        "en dos líneas.\n\n- uno [a][ref]\n- dos\n\n[ref]: https://example.org/ref\n\n```py\nx = 1\n```\n"
    )
    assert [(block.kind, block.text) for block in split_blocks(text)] == [
        ("heading", "## Un *título* con `código`"),
        ("paragraph", "Texto con [enlace](https://example.org) y **negrita**\nen dos líneas."),
        ("list", "- uno [a][ref]\n- dos"),
        ("other", "[ref]: https://example.org/ref"),
        ("code", "```py\nx = 1\n```"),
    ]

"""Control characters never reach the database through a save, and never take a feed down."""

import feedparser
import pytest

from blog.models import Post
from events.models import Event
from tests.factories import PUBLISHED, make_author, make_post, make_tag

pytestmark = pytest.mark.django_db


def test_a_title_loses_its_control_characters_on_save():
    post = make_post(title_es="Control \b char\x00")
    post.refresh_from_db()
    assert post.title_es == "Control  char"


def test_a_body_keeps_tabs_and_newlines_but_loses_other_control_characters():
    post = make_post(body_es="Línea uno\n\tdos\x07\r\ntres")
    post.refresh_from_db()
    assert post.body_es == "Línea uno\n\tdos\r\ntres"


def test_a_one_line_field_turns_a_newline_into_a_space():
    author = make_author(name="Ana\nPérez")
    author.refresh_from_db()
    assert author.name == "Ana Pérez"


def test_term_and_event_names_are_cleaned_too():
    tag = make_tag(names={"es": "Nube\x1b"})
    event = Event.objects.create(**PUBLISHED, slug="kcd", name_es="KCD\x0c Bogotá")
    tag.refresh_from_db()
    event.refresh_from_db()
    assert tag.name_es == "Nube"
    assert event.name_es == "KCD Bogotá"


@pytest.mark.parametrize("url", ["/feed.xml", "/atom.xml"])
def test_feeds_survive_a_control_character_written_behind_the_models_back(client, url):
    post = make_post(title_es="Limpio")
    Post.objects.filter(pk=post.pk).update(title_es="Control \b char", summary_es="Resumen \x01")
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.entries[0].title == "Control  char"


def test_term_feed_description_escapes_the_term_name(client):
    tag = make_tag(names={"es": "<b>negrita</b>"})
    post = make_post()
    post.tags.add(tag)
    response = client.get(f"/tags/{tag.slug}/feed.xml")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert "&lt;b&gt;" in feed.feed.description
    assert "<b>" not in feed.feed.description


def test_cleaning_on_save_never_copies_a_title_into_the_active_language():
    """modeltranslation's `title` reads with fallback and writes the active language: never touched."""
    from django.utils import translation

    with translation.override("en"):
        post = make_post(languages=("es",), title_es="Solo")
    post.refresh_from_db()
    assert post.title_en in ("", None)

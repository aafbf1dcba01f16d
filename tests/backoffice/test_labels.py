"""Every label of the Spanish admin's change forms is Spanish: Post, Event, Page and the image library.

The English words are read from the catalogue itself: the words of our msgids that no Spanish translation
uses ("carousel", "title", "image"…). A label holding one of them was left untranslated, or built in
English (modeltranslation's "Title [es]")."""

import re

import polib
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from blog.models import Post
from library.storing import store_image
from tests.events.event_data import make_event
from tests.factories import make_post
from tests.html import texts
from tests.library.images import image_bytes, upload
from tests.paths import ROOT

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[^\W\d_]{3,}")
# Where a change form names things: field labels, fieldset headings, help texts, the page's title.
LABELS = "#content-main label, #content-main fieldset h2, #content-main .help, #content h1, .breadcrumbs"


def english_only_words() -> set[str]:
    catalogue = polib.pofile(str(ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    english, spanish = set(), set()
    for entry in catalogue.translated_entries():
        english |= {w.casefold() for w in WORD.findall(re.sub(r"%\(\w+\)s", "", entry.msgid))}
        spanish |= {
            w.casefold() for w in WORD.findall(entry.msgstr or " ".join(entry.msgstr_plural.values()))
        }
    return english - spanish


@pytest.fixture
def spanish_admin(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    client.cookies["django_language"] = "es"
    return client


def change_pages():
    post = make_post(title_es="Hola, mundo")
    event = make_event("scale-22x")
    from pages.models import Page

    page = Page.objects.create(slug="acerca", title_es="Acerca", path_es="/acerca/", body_es="Hola")
    image = store_image(upload=upload(image_bytes()), alt={"es": "Faro", "pt": "Farol", "en": "Lighthouse"})[
        0
    ]
    return {
        "post": reverse("admin:blog_post_change", args=[post.pk]),
        "new post": reverse("admin:blog_post_add"),
        "event": reverse("admin:events_event_change", args=[event.pk]),
        "page": reverse("admin:pages_page_change", args=[page.pk]),
        "image": reverse("admin:library_image_change", args=[image.pk]),
        "upload": reverse("admin:library_image_add"),
    }


def test_the_word_list_knows_english_from_spanish():
    words = english_only_words()
    assert {"carousel", "image", "reading", "alternative"} <= words
    assert "markdown" not in words  # the same word in both: "cuerpo (Markdown)"


def test_no_label_of_the_spanish_admin_is_english(spanish_admin):
    english = english_only_words()
    found = {}
    for name, url in change_pages().items():
        response = spanish_admin.get(url)
        assert response.status_code == 200, name
        for label in texts(response, LABELS):
            words = {w for w in WORD.findall(label) if w.casefold() in english}
            if words:
                found.setdefault(name, []).append(f"{label!r} ({', '.join(sorted(words))})")
    assert found == {}, "\n".join(f"{k}: {v}" for k, vs in found.items() for v in sorted(set(vs)))


def test_a_language_column_is_named_by_its_language_in_words(spanish_admin):
    url = reverse("admin:blog_post_change", args=[make_post().pk])
    assert texts(spanish_admin.get(url), "label[for=id_title_pt]") == ["Título (Portugués):"]


@pytest.mark.parametrize(
    ("active", "label"),
    [("es", "título (Portugués)"), ("pt", "título (Português)"), ("en", "title (Portuguese)")],
)
def test_the_language_in_a_columns_name_follows_the_admins_language(active, label):
    with translation.override(active):
        assert str(Post._meta.get_field("title_pt").verbose_name) == label

"""Post slugs in the admin: each language's slug follows its title while typing (prepopulated fields) and
is made on save when left empty, unique per section, month and language, as the importer makes them."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from blog.models import Post
from blog.slugs import slug_base
from tests.admin_forms import submitted
from tests.factories import make_post
from tests.html import select_one

pytestmark = pytest.mark.django_db

TITLES = {"es": "¿Qué es el software libre?", "pt": "O que é software livre?", "en": "What is free software?"}
SLUGS = {"es": "qué-es-el-software-libre", "pt": "o-que-é-software-livre", "en": "what-is-free-software"}
LANGUAGES = list(TITLES)


def write_post(client, **fields):
    values = {"date_0": "2026-11-04", "date_1": "10:00:00", "title_es": "Otra entrada", **fields}
    for code in LANGUAGES:
        values.setdefault(f"body_{code}", f"Texto en {code}.")
    return submitted(client, reverse("admin:blog_post_add"), **values)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_slug_field_of_each_language_follows_that_languages_title(admin_client, code):
    page = admin_client.get(reverse("admin:blog_post_add"))
    fields = select_one(page, "#django-admin-prepopulated-fields-constants")["data-prepopulated-fields"]
    assert f'"id": "#id_slug_{code}"' in fields
    assert f'"dependency_ids": ["#id_title_{code}"]' in fields


def test_slug_helper_keeps_accents_as_hugo_does():
    assert [slug_base(TITLES[code]) for code in LANGUAGES] == [SLUGS[code] for code in LANGUAGES]


def test_empty_slugs_are_made_from_each_languages_title_on_save(admin_client):
    response = write_post(admin_client, **{f"title_{code}": TITLES[code] for code in LANGUAGES})
    assert response.status_code == 302
    post = Post.objects.get()
    assert {code: post.translated("slug", code) for code in LANGUAGES} == SLUGS


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_slug_taken_in_the_same_month_gets_a_number(admin_client, code):
    make_post(date=datetime(2026, 11, 20, 15, tzinfo=UTC), **{f"slug_{code}": SLUGS[code]})
    assert write_post(admin_client, **{f"title_{code}": TITLES[code]}).status_code == 302
    post = Post.objects.latest("created_at")
    assert post.translated("slug", code) == f"{SLUGS[code]}-2"


def test_the_same_slug_in_another_month_section_or_language_is_free(admin_client):
    make_post(date=datetime(2026, 10, 20, 15, tzinfo=UTC), slug_es=SLUGS["es"])
    make_post(date=datetime(2026, 11, 20, 15, tzinfo=UTC), section="news", slug_es=SLUGS["es"])
    make_post(date=datetime(2026, 11, 20, 15, tzinfo=UTC), slug_pt=SLUGS["es"])
    write_post(admin_client, title_es=TITLES["es"])
    assert Post.objects.latest("created_at").slug_es == SLUGS["es"]


def test_a_typed_slug_that_clashes_is_refused_with_a_free_one_offered(admin_client):
    make_post(date=datetime(2026, 11, 20, 15, tzinfo=UTC), slug_en="hello")
    response = write_post(admin_client, title_en="Hello", slug_en="hello")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["slug_en"]
    assert "“hello-2”" in errors[0]


def test_saving_a_post_again_keeps_its_own_slug(admin_client):
    post = make_post(date=datetime(2026, 11, 4, 15, tzinfo=UTC), slug_es="mi-entrada", title_es="Mi entrada")
    response, _data = submitted(admin_client, reverse("admin:blog_post_change", args=[post.pk]))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.slug_es == "mi-entrada"


def test_a_language_without_a_title_gets_no_slug(admin_client):
    write_post(admin_client, title_es=TITLES["es"], body_pt="", body_en="")
    post = Post.objects.get()
    assert [post.translated("slug", code) for code in LANGUAGES] == [SLUGS["es"], "", ""]

"""Terms exist per language (blog.taxonomy): a slug per language, unique there; old slugs redirect."""

import importlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from blog.models import Category, Tag, TermRedirect
from tests.factories import make_post

pytestmark = pytest.mark.django_db

MIGRATION = ("blog", "0008_term_slugs_per_language")


def test_a_term_exists_in_the_languages_it_has_a_slug_in():
    tag = Tag.objects.create(name_es="Nube", slug_es="nube", name_en="", slug_en="")
    tag.refresh_from_db()
    assert (tag.languages(), tag.slug_en) == (["es"], None)  # an empty slug is no slug (NULL)
    assert tag.url_in("es") == "/tags/nube/" and tag.url_in("en") is None
    assert tag.get_absolute_url("en") == "/tags/nube/"  # the admin's "view on site": its first language


def test_slugs_are_unique_per_language_and_free_across_languages():
    Tag.objects.create(name_es="IA", slug_es="ia")
    Tag.objects.create(name_en="IA", slug_en="ia")  # another language: another term may use it
    Tag.objects.create(name_es="Otra", slug_es="otra")  # two terms without an English slug
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name_es="Ia", slug_es="ia")


def test_a_changed_slug_answers_as_a_redirect_until_it_is_taken_back():
    tag = Tag.objects.create(name_en="Cloud", slug_en="cloud")
    make_post(tags=[tag], languages=("en",))
    tag.slug_en = "cloud-computing"
    tag.save()
    redirect = TermRedirect.objects.get()
    assert (redirect.kind, redirect.language, redirect.slug, redirect.term) == ("tag", "en", "cloud", tag)
    tag.slug_en = "cloud"
    tag.save()
    assert TermRedirect.objects.get().slug == "cloud-computing"


def test_the_migration_gives_every_named_language_todays_slug():
    """Every page that answered keeps its URL: today's slug in each language the term has a name in."""
    state = MigrationExecutor(connection).loader.project_state(MIGRATION).apps
    model = state.get_model("blog", "Category")
    named = model.objects.create(slug="comunidad", name="Comunidad", name_es="Comunidad", name_en="Community")
    unnamed = model.objects.create(slug="sin-nombre", name="Sin nombre")
    migration = importlib.import_module("blog.migrations.0008_term_slugs_per_language")
    migration.fill_slugs(state, None)
    named, unnamed = Category.objects.get(pk=named.pk), Category.objects.get(pk=unnamed.pk)
    assert (named.slug_es, named.slug_en, named.slug_pt) == ("comunidad", "comunidad", None)
    assert unnamed.languages() == ["es"]

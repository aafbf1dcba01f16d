"""What an import tells the other apps: the translation desk records what the imported translation is
made from (so it is not shown as outdated at once), and each imported save is a revision in the history."""

import pytest
from reversion.models import Version

from blog.models import Post
from exchange.exporting import translations_export
from exchange.formats import XLIFF
from exchange.importing import translations_import
from tests.exchange.conftest import fill
from translating.outdated import basis, is_outdated

pytestmark = pytest.mark.django_db


def import_filled(post, **options) -> None:
    content = fill(
        translations_export(posts=[post], language="pt", file_format=XLIFF).content, XLIFF, **options
    )
    translations_import(data=content, filename="kcd.pt.xlf", language="pt")


def test_an_imported_translation_is_not_outdated(kcd):
    import_filled(kcd)
    post = Post.objects.get(pk=kcd.pk)
    assert basis(post, "pt") is not None
    assert not is_outdated(post, "pt")


def test_an_imported_translation_becomes_outdated_when_its_published_source_changes(kcd):
    import_filled(kcd)
    post = Post.objects.get(pk=kcd.pk)
    post.title_es = "KCD Colombia 2025: un título corregido"
    post.save()
    assert is_outdated(Post.objects.get(pk=kcd.pk), "pt")


def test_an_import_with_flagged_segments_records_no_basis(kcd):
    content = fill(translations_export(posts=[kcd], language="pt", file_format=XLIFF).content, XLIFF)
    kcd.body_es = kcd.body_es.replace("29 de agosto", "30 de agosto")
    kcd.save()
    report = translations_import(data=content, filename="kcd.pt.xlf", language="pt")
    assert report.posts[0].flagged
    assert basis(Post.objects.get(pk=kcd.pk), "pt") is None


def test_each_imported_post_is_a_revision_with_a_comment(kcd):
    import_filled(kcd)
    versions = Version.objects.get_for_object(Post.objects.get(pk=kcd.pk))
    assert versions.first().revision.comment == "Translation imported from kcd.pt.xlf"
    assert "PT " in versions.first().field_dict["title_pt"]

"""Import: a filled file becomes a draft of its language; segments whose source changed since the export
are flagged and left alone; published languages are never overwritten; empty targets change nothing."""

import pytest

from blog.models import Post
from blog.publishing import LanguageState
from exchange.exporting import translations_export
from exchange.formats import PO, XLIFF
from exchange.importing import translations_import
from exchange.segments import join_blocks, post_segments, split_blocks
from tests.exchange.conftest import KCD, RECAP, SOVEREIGN_AI, fill, parsed

pytestmark = pytest.mark.django_db


def exported(posts, file_format=XLIFF, language="pt") -> bytes:
    return translations_export(posts=posts, language=language, file_format=file_format).content


def imported(content: bytes, file_format=XLIFF, language="pt"):
    name = "translated.xlf" if file_format == XLIFF else "translated.po"
    return translations_import(data=content, filename=name, language=language)


def pt_of(source_text: str) -> str:
    return f"PT {source_text}"


@pytest.mark.parametrize("file_format", [XLIFF, PO])
def test_a_round_trip_fills_the_language_with_the_translated_text(kcd, file_format):
    source = {segment.id: segment.text for segment in post_segments(kcd, "es")}
    imported(fill(exported([kcd], file_format), file_format), file_format)
    post = Post.objects.get(pk=kcd.pk)
    blocks = [pt_of(text) for key, text in source.items() if "/body/" in key]
    assert post.title_pt == pt_of(kcd.title_es)
    assert post.body_pt == join_blocks(blocks)
    assert post.slug_pt == f"pt-{kcd.slug_es}"


@pytest.mark.parametrize("file_format", [XLIFF, PO])
def test_the_imported_language_is_a_draft_and_the_others_are_untouched(kcd, file_format):
    imported(fill(exported([kcd], file_format), file_format), file_format)
    post = Post.objects.get(pk=kcd.pk)
    assert post.language_state("pt") == LanguageState.DRAFT
    assert (post.language_state("es"), post.title_es, post.body_es) == (
        LanguageState.PUBLISHED,
        kcd.title_es,
        kcd.body_es,
    )


def test_a_file_of_several_posts_fills_each(samples):
    posts = [samples[KCD], samples[SOVEREIGN_AI]]
    report = imported(fill(exported(posts), XLIFF))
    assert len(report.saved) == 2
    assert Post.objects.get(pk=samples[SOVEREIGN_AI].pk).title_pt == pt_of(samples[SOVEREIGN_AI].title_es)


def test_a_segment_whose_source_changed_is_flagged_and_not_applied(kcd):
    content = fill(exported([kcd]), XLIFF)
    kcd.title_es = "KCD Colombia 2025: nuevo título"
    kcd.save()
    report = imported(content)
    post = Post.objects.get(pk=kcd.pk)
    assert report.posts[0].flagged == [f"post/{kcd.pk}/title"]
    assert not post.title_pt
    assert post.body_pt.startswith("PT ")


def test_a_changed_body_block_keeps_the_translation_of_the_others_when_they_line_up(kcd):
    kcd.body_pt = join_blocks([f"Antigo {n}" for n, _block in enumerate(split_blocks(kcd.body_es), 1)])
    kcd.status_pt = "draft"
    kcd.save()
    content = fill(exported([kcd]), XLIFF, translate=lambda unit: f"PT {unit.source}")
    blocks = split_blocks(kcd.body_es)
    blocks[1] = "Hoy, **30 de agosto de 2025**, es el día."
    kcd.body_es = join_blocks(blocks)
    kcd.save()
    report = imported(content)
    post_blocks = split_blocks(Post.objects.get(pk=kcd.pk).body_pt)
    assert report.posts[0].flagged == [f"post/{kcd.pk}/body/2"]
    assert post_blocks[1] == "Antigo 2"
    assert post_blocks[0].startswith("PT ") and post_blocks[2].startswith("PT ")


def test_a_body_with_gaps_and_no_translation_to_fill_them_is_not_applied(kcd):
    content = exported([kcd])
    first_block = f"post/{kcd.pk}/body/1"
    report = imported(fill(content, XLIFF, only={first_block, f"post/{kcd.pk}/title"}))
    post = Post.objects.get(pk=kcd.pk)
    assert not post.body_pt
    assert post.title_pt == pt_of(kcd.title_es)
    assert "2, 3" in report.posts[0].problems[0]


def test_empty_targets_leave_the_fields_as_they_were(kcd):
    kcd.title_pt, kcd.status_pt = "Título já traduzido", "draft"
    kcd.save()
    report = imported(fill(exported([kcd]), XLIFF, translate=lambda unit: ""))
    assert Post.objects.get(pk=kcd.pk).title_pt == "Título já traduzido"
    assert report.posts[0].saved is False


def test_an_xliff_target_marked_as_needing_translation_is_not_a_translation(kcd):
    """Some CAT tools copy the source into every target and mark it `state="needs-translation"`."""
    store = parsed(exported([kcd]), XLIFF)
    for unit in store.getunits():
        unit.target = unit.source
        unit.set_state_n(unit.S_NEEDS_TRANSLATION)
    report = imported(bytes(store))
    assert report.posts[0].empty == len(store.getunits())
    assert not Post.objects.get(pk=kcd.pk).title_pt


def test_a_fuzzy_po_entry_is_not_applied(kcd):
    store = parsed(fill(exported([kcd], PO), PO), PO)
    title = next(unit for unit in store.getunits() if unit.getcontext() == f"post/{kcd.pk}/title")
    title.markfuzzy()
    imported(bytes(store), PO)
    post = Post.objects.get(pk=kcd.pk)
    assert not post.title_pt
    assert post.body_pt.startswith("PT ")


def test_a_published_language_is_never_overwritten(samples):
    recap = samples[RECAP]
    content = fill(exported([recap]), XLIFF)
    report = imported(content)
    post = Post.objects.get(pk=recap.pk)
    assert post.title_pt == recap.title_pt
    assert post.language_state("pt") == LanguageState.PUBLISHED
    assert "pt is published" in report.posts[0].skipped


def test_a_language_in_review_is_imported_back_to_draft(kcd):
    kcd.title_pt, kcd.status_pt = "Rascunho", "review"
    kcd.save()
    imported(fill(exported([kcd]), XLIFF))
    assert Post.objects.get(pk=kcd.pk).status_pt == "draft"


def test_a_translated_slug_is_made_valid_and_free(samples):
    kcd = samples[KCD]
    other = samples[SOVEREIGN_AI]
    other.date = kcd.date
    other.slug_pt = "kcd-colômbia"
    other.save()
    slug_id = f"post/{kcd.pk}/slug"
    imported(fill(exported([kcd]), XLIFF, translate=lambda unit: "KCD Colômbia", only={slug_id}))
    assert Post.objects.get(pk=kcd.pk).slug_pt == "kcd-colômbia-2"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(kcd):
    content = fill(exported([kcd]), XLIFF)
    imported(content)
    assert imported(content).saved == []

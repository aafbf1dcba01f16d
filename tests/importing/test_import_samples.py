"""`import_posts` on the five sample files in fixtures/content: grouping, repairs, flags, taxonomies,
idempotency, --dry-run, and load_samples."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from blog.models import Author, Category, Post, Tag
from blog.signals import import_finished, post_imported
from tests.paths import SAMPLE_POSTS

SEEDS = SAMPLE_POSTS
pytestmark = pytest.mark.django_db


def run_import(*args, **options) -> str:
    out = StringIO()
    call_command("import_posts", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def imported():
    run_import(SEEDS)


def openinfra_post() -> Post:
    return Post.objects.get(source_key="000_9a5b190a61900fa2")


def test_five_samples_make_three_posts(imported):
    assert Post.objects.count() == 3


def test_three_translations_are_one_post(imported):
    assert openinfra_post().languages() == ["es", "pt", "en"]


def test_spanish_only_samples_are_their_own_posts(imported):
    for key in ("003_8d0ea2c73ec7d6ea", "004_dce5359f6ee8112f"):
        assert Post.objects.get(source_key=key).languages() == ["es"]


def test_kcd_post_reads_bogota_and_atencion(imported):
    post = Post.objects.get(source_key="003_8d0ea2c73ec7d6ea")
    assert post.title_es.startswith("KCD Colombia 2025: Bogotá es Sede")
    assert post.body_es.startswith("¡Atención, Bogotá!")


def test_no_mojibake_marks_are_left_anywhere(imported):
    dirty = Q()
    for mark in "√¬Ô":
        for field in ("title", "body", "summary"):
            for code in ("es", "pt", "en"):
                dirty |= Q(**{f"{field}_{code}__contains": mark})
    assert not Post.objects.filter(dirty).exists()


def test_malformed_date_is_repaired_to_its_day(imported):
    assert openinfra_post().date.date() == date(2025, 4, 18)


def test_flags_are_read(imported):
    post = openinfra_post()
    assert (post.featured, post.carousel, post.toc, post.status_es == "draft", post.comment, post.pinned) == (
        True,
        True,
        True,
        False,
        False,
        False,
    )


def test_translated_tag_at_the_same_index_is_one_tag(imported):
    tag = Tag.objects.get(name_es="Comunidad")
    assert (tag.slug, tag.name_en, tag.name_pt) == ("comunidad", "Community", "Community")
    assert not Tag.objects.filter(slug="community").exists()


def test_grouped_post_has_its_taxonomies_once(imported):
    post = openinfra_post()
    assert post.tags.count() == 7
    assert set(post.categories.values_list("slug", flat=True)) == {"events", "openinfradays"}


def test_author_without_page_is_created_from_its_slug(imported):
    assert Author.objects.get(slug="oss.lat").name == "oss.lat"


def test_missing_cover_keeps_its_path_and_no_file(imported):
    post = Post.objects.get(source_key="003_8d0ea2c73ec7d6ea")
    assert post.cover_source == "/images/blog/kcd-colombia-2025.png"
    assert not post.cover
    assert post.rendition("listing") is None


def test_second_run_creates_and_updates_nothing(imported):
    output = run_import(SEEDS)
    assert "0 created, 0 updated, 3 unchanged" in output


def test_changed_file_updates_its_post_in_place(imported, tmp_path):
    for source in SEEDS.iterdir():
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    changed = tmp_path / "004_dce5359f6ee8112f.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("featured: true", "featured: false"))
    output = run_import(tmp_path)
    assert "0 created, 1 updated, 2 unchanged" in output
    assert Post.objects.get(source_key="004_dce5359f6ee8112f").featured is False


def test_dry_run_writes_nothing():
    output = run_import(SEEDS, dry_run=True)
    assert "would have 3 created" in output
    assert not Post.objects.exists()
    assert not Tag.objects.exists() and not Category.objects.exists() and not Author.objects.exists()


def test_one_line_per_file_at_verbosity_two():
    output = run_import(SEEDS, verbosity=2)
    assert sum(1 for line in output.splitlines() if ": created: post " in line) == 5


def test_post_imported_signal_carries_unknown_keys_and_warnings(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Hola mundo\ndate: 2025-01-02\nevent: kcd-2025\n---\nTexto.\n")
    seen = []

    def receiver(sender, post, front_matter, dry_run, **kwargs):
        seen.append(front_matter)
        return ["linked to event kcd-2025"]

    post_imported.connect(receiver)
    try:
        output = run_import(tmp_path / "a.md", lang="es")
    finally:
        post_imported.disconnect(receiver)
    assert seen[0]["es"]["event"] == "kcd-2025"
    assert "linked to event kcd-2025" in output
    assert Post.objects.get().extra == {"es": {"event": "kcd-2025"}}


def test_import_finished_is_sent_only_after_a_real_run():
    calls = []

    def receiver(sender, summary, **kwargs):
        calls.append(summary)

    import_finished.connect(receiver)
    try:
        run_import(SEEDS, dry_run=True)
        run_import(SEEDS)
    finally:
        import_finished.disconnect(receiver)
    assert len(calls) == 1


def test_load_samples_is_idempotent():
    call_command("load_samples", stdout=StringIO(), verbosity=0)
    call_command("load_samples", "--force", stdout=StringIO(), verbosity=0)
    assert Post.objects.count() == 3


def test_load_samples_keeps_editors_changes_on_a_site_with_posts():
    call_command("load_samples", stdout=StringIO(), verbosity=0)
    post = Post.objects.get(title_en__startswith="Why OpenInfraDays")
    post.title_en = "Edited in the admin"
    post.save()
    out = StringIO()
    call_command("load_samples", stdout=out, verbosity=1)
    post.refresh_from_db()
    assert post.title_en == "Edited in the admin"
    assert "has posts already" in out.getvalue()


def test_repair_warnings_name_the_file_and_the_original_value():
    output = run_import(SEEDS)
    assert (
        "000_9a5b190a61900fa2.txt: malformed date '2025-04-18T1T10:00:00-06:00' read as 2025-04-18" in output
    )
    assert "003_8d0ea2c73ec7d6ea.txt: repaired mojibake: 'Bogot√°' → 'Bogotá'" in output


def test_dry_run_over_a_changed_file_reports_the_update_and_keeps_the_row(imported, tmp_path):
    changed = tmp_path / "004_dce5359f6ee8112f.txt"
    text = (SEEDS / changed.name).read_text(encoding="utf-8")
    changed.write_text(text.replace("featured: true", "featured: false"), encoding="utf-8")
    output = run_import(changed, dry_run=True)
    assert "would have 0 created, 1 updated" in output
    assert Post.objects.get(source_key="004_dce5359f6ee8112f").featured is True


def test_loose_file_whose_name_is_another_groups_key_stays_a_post_of_its_own(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Clave\ndate: 2025-01-01\ntranslationKey: nota\n---\nUno.\n")
    (tmp_path / "nota.md").write_text("---\ntitle: Otra\ndate: 2025-02-02\n---\nDos.\n")
    run_import(tmp_path / "a.md", tmp_path / "nota.md", lang="es")
    assert set(Post.objects.values_list("source_key", flat=True)) == {"nota", "nota.md"}

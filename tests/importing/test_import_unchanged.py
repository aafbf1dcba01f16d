"""A repeated import leaves alone the posts whose files did not change (`importing.unchanged`): their files
are not read again, each still gets its `unchanged` line; a changed file, a new translation, a changed
option, a post deleted or edited since, or a link removed in the admin make the post compared in full."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from blog.models import Post, Tag
from importing import reading
from importing.models import ImportedPost
from tests.paths import HUGO_SAMPLE

pytestmark = pytest.mark.django_db


def write_post(root: Path, n: int, code: str, *, tags: str = "", body: str = "", front: str = "") -> Path:
    path = root / "blog" / f"post-{n}.{code}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: Post {n} {code}\ndate: 2025-01-{n % 28 + 1:02d}\n"
        f"tags: [{tags or f't{n % 7}-{code}, common-{code}'}]\ncategories: [c{n % 3}]\n"
        f"authors: [a{n % 2}]\n{front}"
        f"---\n{body or f'Body {n} in {code}.'}\n",
        encoding="utf-8",
    )
    return path


def write_tree(root: Path, groups: int, languages=("es", "en", "pt")) -> Path:
    for n in range(groups):
        for code in languages:
            write_post(root, n, code)
    return root


def run(*paths, **options) -> str:
    out = StringIO()
    call_command("import_posts", *map(str, paths), stdout=out, stderr=StringIO(), verbosity=2, **options)
    return out.getvalue()


@pytest.fixture
def files_read(monkeypatch):
    """The files each run reads (the pipeline's own `load_page`, counted)."""
    read = []
    real = reading.load_page

    def counted(source, options):
        read.append(source.relative)
        return real(source, options)

    monkeypatch.setattr(reading, "load_page", counted)
    return read


@pytest.fixture
def tree(tmp_path):
    root = write_tree(tmp_path / "content", 3)
    run(root, default_lang="es")
    return root


def test_a_repeat_reads_no_file_of_an_unchanged_post_and_reports_each_file_unchanged(tree, files_read):
    before = dict(Post.objects.values_list("source_key", "modified_at"))
    out = run(tree, default_lang="es")
    assert files_read == []
    assert "0 created, 0 updated, 3 unchanged" in out
    assert f"{tree}/blog/post-1.pt.md: unchanged: post /blog/post-1 [pt]" in out
    assert sum(line.endswith(": unchanged: post /blog/post-1 [es]") for line in out.splitlines()) == 1
    assert len([line for line in out.splitlines() if ": unchanged: post " in line]) == 9
    assert dict(Post.objects.values_list("source_key", "modified_at")) == before


def test_a_changed_file_is_read_again_with_its_translations_and_its_post_updated(tree, files_read):
    write_post(tree, 1, "en", body="A corrected body.")
    out = run(tree, default_lang="es")
    assert sorted(files_read) == ["blog/post-1.en.md", "blog/post-1.es.md", "blog/post-1.pt.md"]
    assert "0 created, 1 updated, 2 unchanged" in out
    assert Post.objects.get(source_key="/blog/post-1").body_en.strip() == "A corrected body."
    files_read.clear()
    assert "0 created, 0 updated, 3 unchanged" in run(tree, default_lang="es")
    assert files_read == []


def test_a_new_translation_of_an_unchanged_post_joins_it(tmp_path, files_read):
    root = write_tree(tmp_path / "content", 2, languages=("es", "en"))
    run(root, default_lang="es")
    files_read.clear()
    write_post(root, 0, "pt")
    out = run(root, default_lang="es")
    assert sorted(files_read) == ["blog/post-0.en.md", "blog/post-0.es.md", "blog/post-0.pt.md"]
    assert "0 created, 1 updated, 1 unchanged" in out
    assert Post.objects.get(source_key="/blog/post-0").title_pt == "Post 0 pt"


def test_a_changed_option_compares_every_post_in_full(tree, files_read):
    out = run(tree, default_lang="es", section="notes")
    assert len(files_read) == 9
    assert "0 created, 0 updated, 3 unchanged" in out  # --section only places loose files
    files_read.clear()
    run(tree, default_lang="es", section="notes")
    assert files_read == []


def test_a_post_deleted_since_is_created_again(tree, files_read):
    Post.objects.get(source_key="/blog/post-2").delete()
    out = run(tree, default_lang="es")
    assert sorted(files_read) == ["blog/post-2.en.md", "blog/post-2.es.md", "blog/post-2.pt.md"]
    assert "1 created, 0 updated, 2 unchanged" in out
    assert Post.objects.get(source_key="/blog/post-2").title_en == "Post 2 en"


def test_a_post_edited_in_the_admin_since_is_compared_in_full_and_reported_updated(tree, files_read):
    """As without fingerprints: the file's values are written back, never silently (an `updated` line)."""
    post = Post.objects.get(source_key="/blog/post-0")
    post.title_en = "Edited in the admin"
    post.save()
    out = run(tree, default_lang="es")
    assert sorted(files_read) == ["blog/post-0.en.md", "blog/post-0.es.md", "blog/post-0.pt.md"]
    assert f"{tree}/blog/post-0.en.md: updated: post /blog/post-0 [en]" in out
    assert Post.objects.get(source_key="/blog/post-0").title_en == "Post 0 en"


def test_a_post_saved_in_the_admin_without_a_change_is_compared_and_found_unchanged(tree, files_read):
    Post.objects.get(source_key="/blog/post-0").save()
    out = run(tree, default_lang="es")
    assert len(files_read) == 3
    assert "0 created, 0 updated, 3 unchanged" in out


def test_a_tag_deleted_in_the_admin_is_linked_again(tree, files_read):
    Tag.objects.get(slug_en="t1-en").delete()
    out = run(tree, default_lang="es")
    assert sorted(files_read) == ["blog/post-1.en.md", "blog/post-1.es.md", "blog/post-1.pt.md"]
    assert "0 created, 1 updated, 2 unchanged" in out
    assert Post.objects.get(source_key="/blog/post-1").tags.filter(slug_en="t1-en").exists()


def test_a_file_with_a_warning_is_read_and_warned_about_every_time(tmp_path, files_read):
    root = write_tree(tmp_path / "content", 2)
    (root / "blog" / "post-1.es.md").write_text(
        "---\ntitle: Post 1 es\ndate: 2025-04-18T1T10:00:00-06:00\n---\nCuerpo.\n", encoding="utf-8"
    )
    first = run(root, default_lang="es")
    files_read.clear()
    again = run(root, default_lang="es")
    warning = next(line for line in first.splitlines() if line.startswith("warning:") and "post-1.es" in line)
    assert warning in again
    assert sorted(files_read) == ["blog/post-1.en.md", "blog/post-1.es.md", "blog/post-1.pt.md"]


def test_a_dry_run_over_a_changed_file_reports_it_and_keeps_the_fingerprint(tree, files_read):
    write_post(tree, 2, "es", body="Cambiado.")
    assert "would have 0 created, 1 updated, 2 unchanged" in run(tree, default_lang="es", dry_run=True)
    assert "0 created, 1 updated, 2 unchanged" in run(tree, default_lang="es")


def test_with_its_fingerprints_forgotten_the_hugo_sample_compares_in_full_and_changes_nothing():
    """The full comparison stays what a repeat falls back to: it must find nothing to change either."""
    run(hugo_site=str(HUGO_SAMPLE))
    recorded = ImportedPost.objects.count()
    assert recorded  # posts with warnings or refs are not recorded; the others are
    ImportedPost.objects.all().delete()
    assert "0 created, 0 updated, 29 unchanged, 2 skipped" in run(hugo_site=str(HUGO_SAMPLE))
    assert ImportedPost.objects.count() == recorded


def test_the_hugo_sample_repeated_skips_the_posts_it_can_and_changes_nothing(files_read):
    run(hugo_site=str(HUGO_SAMPLE))
    files_read.clear()
    out = run(hugo_site=str(HUGO_SAMPLE))
    assert "0 created, 0 updated, 29 unchanged, 2 skipped" in out
    assert 0 < len(files_read) < 40  # of 65 files: authors, pages and posts with warnings or refs are read


def queries_per_file(root: Path) -> float:
    with CaptureQueriesContext(connection) as context:
        run(root, default_lang="es")
    return len(context.captured_queries) / len(list((root / "blog").glob("post-*.md")))


@pytest.mark.parametrize("runs", [1, 2], ids=["first import", "repeat"])
def test_queries_per_file_do_not_grow_with_the_number_of_files(tmp_path, runs):
    per_file = []
    for groups in (6, 30):
        Post.objects.all().delete()
        root = write_tree(tmp_path / f"tree{groups}", groups)
        for _ in range(runs):
            count = queries_per_file(root)
        per_file.append(count)
    small, large = per_file
    assert large <= small


def write_cover(static: Path, size: tuple[int, int], colour=(200, 30, 30), noise: bool = False) -> None:
    """A PNG cover at `static`/covers/cover.png; with `noise`, random pixels (they do not compress)."""
    path = static / "covers" / "cover.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, colour)
    image.save(path, "PNG")


def covered_tree(tmp_path: Path) -> tuple[Path, Path]:
    root, static = tmp_path / "content", tmp_path / "static"
    for code in ("es", "en"):
        write_post(root, 1, code, front="images: [/covers/cover.png]\n")
    return root, static


def test_a_changed_cover_compares_its_post_in_full(tmp_path, files_read):
    root, static = covered_tree(tmp_path)
    write_cover(static, (64, 48))
    run(root, default_lang="es", static_root=static)
    write_cover(static, (64, 48), colour=(30, 30, 200))
    files_read.clear()
    out = run(root, default_lang="es", static_root=static)
    assert sorted(files_read) == ["blog/post-1.en.md", "blog/post-1.es.md"]
    assert "0 unchanged" in out


def test_a_cover_over_the_text_files_limit_does_not_stop_its_post_being_skipped(tmp_path, files_read):
    """Covers are fingerprinted whatever their size (the 5 MB limit is for content files)."""
    root, static = covered_tree(tmp_path)
    write_cover(static, (1450, 1450), noise=True)
    assert (static / "covers" / "cover.png").stat().st_size > 5 * 1024 * 1024
    run(root, default_lang="es", static_root=static)
    assert Post.objects.get().cover
    files_read.clear()
    out = run(root, default_lang="es", static_root=static)
    assert files_read == []
    assert "0 created, 0 updated, 1 unchanged" in out

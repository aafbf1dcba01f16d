"""No orphaned media (issue 11, point 9d): files stored by a write that rolls back are deleted at once; files
left by a run that was interrupted are deleted by the next run, unless a row refers to them."""

import fcntl
import json
import os
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save

from blog.models import Author, Post
from blog.signals import post_imported
from importing import ledger
from tests.importing.test_import_properties import InjectedFailure
from tests.paths import HUGO_SAMPLE

STATIC = HUGO_SAMPLE / "static"
WITH_IMAGES = (
    "---\ntitle: {title}\ndate: 2025-01-01\nimages: [/images/postgres.png]\n---\n"
    "Texto con diagrama: ![flujo](/images/diagrama-flujo.png)\n"
)


def write(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(WITH_IMAGES.format(title=title), encoding="utf-8")
    return path


def run(folder: Path, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_posts", str(folder), stdout=out, stderr=err, lang="es", static_root=str(STATIC), **options
        )
    except CommandError:
        pass  # some file failed: the lines say which
    return out.getvalue(), err.getvalue()


def media_files(media_root: Path) -> set[str]:
    """Every stored file, as its storage name (the ledger folder is not media)."""
    if not media_root.exists():
        return set()
    return {
        path.relative_to(media_root).as_posix()
        for path in media_root.rglob("*")
        if path.is_file() and ledger.FOLDER not in path.parts
    }


def referenced_files() -> set[str]:
    """What the rows refer to: covers, their renditions, avatars and the images in bodies."""
    names = set(Post.objects.exclude(cover="").values_list("cover", flat=True))
    names |= set(Author.objects.exclude(avatar="").values_list("avatar", flat=True))
    for post in Post.objects.all():
        for entry in post.cover_renditions.values():
            if isinstance(entry, dict):
                names |= {entry["webp"], entry["fallback"]}
        names |= {
            name for name in media_files(Path(default_storage.location)) if name in (post.body_es or "")
        }
    return names


def ledgers(media_root: Path) -> list[Path]:
    folder = media_root / ledger.FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


def fail_after_post_row(sender, instance, **kwargs):
    if instance.title_es == "Rompe":
        raise InjectedFailure("injected failure after writing the post row")


@pytest.fixture
def failing_post():
    """The post titled "Rompe" fails right after its row was saved: its cover, renditions and body image
    are stored by then."""
    post_save.connect(fail_after_post_row, sender=Post, dispatch_uid="inject-media-failure")
    yield
    post_save.disconnect(sender=Post, dispatch_uid="inject-media-failure")


@pytest.mark.django_db(transaction=True)
def test_a_group_failing_after_its_images_were_stored_leaves_no_file(content, _media_root, failing_post):
    write(content, "rompe.md", "Rompe")
    _out, err = run(content)
    assert "injected failure" in err
    assert not Post.objects.exists()
    assert media_files(_media_root) == set()
    assert ledgers(_media_root) == []


@pytest.mark.django_db(transaction=True)
def test_only_the_failing_groups_files_go_and_the_others_keep_theirs(content, _media_root, failing_post):
    """Both posts use the same images; the first one fails after storing them (its batch is written again
    group by group): the second post must still find its files."""
    write(content, "a.md", "Rompe")
    write(content, "b.md", "Sana")
    _out, err = run(content)
    assert "a.md: post a not written" in err
    post = Post.objects.get()
    stored = media_files(_media_root)
    assert stored == referenced_files()
    assert post.cover.name in stored
    assert any(name.startswith("posts/body/") and name in post.body_es for name in stored)


@pytest.mark.django_db(transaction=True)
def test_a_batch_undone_at_commit_leaves_no_file(content, _media_root):
    """A receiver fails for the only group: the fast path and the careful one both roll back."""

    def explode(sender, post, **kwargs):
        raise RuntimeError("receiver failed")

    write(content, "a.md", "Cualquiera")
    post_imported.connect(explode)
    try:
        _out, err = run(content)
    finally:
        post_imported.disconnect(explode)
    assert "RuntimeError: receiver failed" in err
    assert media_files(_media_root) == set()


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_run_leaves_a_ledger_and_the_next_run_deletes_its_orphans(content, _media_root):
    """Ctrl-C (or a kill) after the cover was stored: no `except` runs, the transaction rolls back, the
    files stay, and so does the run's ledger naming them. The next run deletes them before it writes."""

    def interrupt(sender, instance, **kwargs):
        raise KeyboardInterrupt

    write(content, "a.md", "Interrumpida")
    post_save.connect(interrupt, sender=Post, dispatch_uid="interrupt")
    try:
        with pytest.raises(KeyboardInterrupt):
            run(content)
    finally:
        post_save.disconnect(sender=Post, dispatch_uid="interrupt")
    orphans = media_files(_media_root)
    assert not Post.objects.exists() and orphans and len(ledgers(_media_root)) == 1

    content.joinpath("a.md").unlink()
    (content / "plain.md").write_text("---\ntitle: Sin imágenes\ndate: 2025-01-02\n---\nTexto.\n")
    out, _err = run(content)
    assert f"warning: {len(orphans)} media file(s) left by an interrupted earlier import" in out
    assert media_files(_media_root) == set()
    assert ledgers(_media_root) == []


@pytest.mark.django_db(transaction=True)
def test_the_sweep_keeps_files_a_row_refers_to(content, _media_root):
    """A run killed after its commit but before it cleared its ledger: the files are used, so they stay."""
    write(content, "a.md", "Completa")
    run(content)
    stored = media_files(_media_root)
    assert stored and stored == referenced_files()
    left = _media_root / ledger.FOLDER / "killed.jsonl"
    left.parent.mkdir(exist_ok=True)
    left.write_text("".join(json.dumps(name) + "\n" for name in sorted(stored)) + '"covers/2025/half')
    out, _err = run(content)
    assert "interrupted" not in out
    assert media_files(_media_root) == stored
    assert ledgers(_media_root) == []


def left_behind(media_root: Path, ledger_name: str, file_name: str) -> Path:
    """A stored file and a ledger naming it, as a run that was killed (or is still going) leaves them."""
    (media_root / "covers").mkdir(parents=True)
    (media_root / "covers" / file_name).write_bytes(b"not an image: the sweep never reads it")
    left = media_root / ledger.FOLDER / ledger_name
    left.parent.mkdir()
    left.write_text(json.dumps(f"covers/{file_name}") + "\n")
    return left


@pytest.mark.django_db(transaction=True)
def test_the_ledger_of_a_run_still_going_is_left_alone(content, _media_root):
    live = left_behind(_media_root, "live.jsonl", "in-progress.jpg")
    with live.open("r") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        (content / "plain.md").write_text("---\ntitle: Sin imágenes\ndate: 2025-01-02\n---\nTexto.\n")
        run(content)
        assert (_media_root / "covers" / "in-progress.jpg").exists() and live.exists()
    run(content)
    assert not (_media_root / "covers" / "in-progress.jpg").exists() and not live.exists()


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_neither_sweeps_nor_keeps_a_ledger(content, _media_root):
    left = left_behind(_media_root, "killed.jsonl", "orphan.jpg")
    write(content, "a.md", "Ensayo")
    run(content, dry_run=True)
    assert media_files(_media_root) == {"covers/orphan.jpg"}
    assert ledgers(_media_root) == [left]


@pytest.mark.django_db(transaction=True)
def test_an_old_unrenamed_ledger_is_removed_and_a_young_one_kept(content, _media_root):
    """A `.tmp` ledger is a run between creating and renaming its ledger: empty, and gone within
    microseconds unless that run was killed there."""
    folder = _media_root / ledger.FOLDER
    folder.mkdir(parents=True)
    old, young = folder / "old.tmp", folder / "young.tmp"
    old.touch()
    young.touch()
    os.utime(old, (0, 0))
    (content / "plain.md").write_text("---\ntitle: Sin imágenes\ndate: 2025-01-02\n---\nTexto.\n")
    run(content)
    assert ledgers(_media_root) == [young]


def test_a_taken_name_is_noted_before_its_file_is_written(_media_root):
    """A bundle's cover.jpg (or a file left by deleted rows) is stored under another free name: that name
    must be in the ledger before the write, or a kill during it leaves a file no ledger names."""
    post = Post(source_key="x")
    taken = post.cover.field.generate_filename(post, "cover.png")
    default_storage.save(taken, ContentFile(b"earlier"))
    noted_when_written = {}
    real_save = default_storage._save

    def save_and_look(name, content):
        noted_when_written[name] = name in ledger._active.get().names
        return real_save(name, content)

    with (
        ledger.recording(enabled=True),
        mock.patch.object(default_storage, "_save", side_effect=save_and_look),
    ):
        ledger.save_field_file(post.cover, "cover.png", b"new")
        stored = ledger.save(taken, b"other")
    assert post.cover.name != taken and stored not in (taken, post.cover.name)
    assert noted_when_written == {post.cover.name: True, stored: True}

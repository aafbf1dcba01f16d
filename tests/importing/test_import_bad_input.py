"""Every bad-input case: one clear line per failed file (no traceback), the good files still import, and
the command exits non-zero (CommandError) after importing them."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.models import Post, Tag
from importing.sources import MAX_BYTES

pytestmark = pytest.mark.django_db
GOOD = "---\ntitle: Una entrada buena\ndate: 2025-02-03\n---\nTexto en español.\n"


def import_with_failures(*paths: Path, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"1 file\(s\) failed"):
        call_command("import_posts", *map(str, paths), stdout=out, stderr=err, lang="es", **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_one_line_failure(err: str, path: Path, cause: str) -> None:
    lines = err.strip().splitlines()
    assert lines == [f"{path}: {cause}"] or (len(lines) == 1 and lines[0].startswith(f"{path}: {cause}"))
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (b"title: no fences\n\nBody", "no front matter"),
        (b"---\ntitle: [unclosed\ndate: 2025-01-01\n---\nBody", "invalid YAML front matter"),
        (b"---\n- a\n- list\n---\nBody", "front matter is not a mapping"),
        (b"---\ndate: 2025-01-01\n---\nBody", "missing title"),
        (b"---\ntitle: x\ndate: someday\n---\nBody", "unreadable date 'someday'"),
        (b"---\ntitle: x\ndate: 2025-01-01\n---\n\x81\x8d\x90 \x00\x01", "binary file"),
        (b"---\ntitle: x\ndate: 2025-01-01\n---\nBad \x81\x8d\x90\x9d bytes", "not UTF-8 text"),
        (
            b"---\ntitle: x\ndate: 2025-01-01\nimages: [../../etc/passwd]\n---\nBody",
            "image path '../../etc/passwd' escapes",
        ),
        (
            b"---\ntitle: x\ndate: 2025-01-01\nimages: [/../../etc/passwd]\n---\nBody",
            "image path '/../../etc/passwd' escapes the static root",
        ),
        (
            b"---\ntitle: x\ndate: 2025-01-01\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + b"".join(
                f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n".encode()
                for previous, name in zip("abcd", "bcde", strict=True)
            )
            + b"---\nBody",
            "front matter expands to more than 10000 values",
        ),
    ],
    ids=[
        "no-front-matter",
        "invalid-yaml",
        "not-a-mapping",
        "missing-title",
        "unreadable-date",
        "binary",
        "not-utf8",
        "relative-image-escape",
        "static-image-escape",
        "yaml-alias-bomb",
    ],
)
def test_bad_file_fails_alone_with_one_line(tmp_path, good, content, cause):
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    out, err = import_with_failures(good, bad, static_root=str(tmp_path))
    assert_one_line_failure(err, bad, cause)
    assert Post.objects.get().title_es == "Una entrada buena"
    assert "1 created" in out and "1 failed" in out


def test_latin1_file_is_repaired_with_a_warning(tmp_path):
    legacy = tmp_path / "legacy.md"
    legacy.write_bytes("---\ntitle: Canción de Bogotá\ndate: 2025-01-01\n---\nAquí está.\n".encode("cp1252"))
    out = StringIO()
    call_command("import_posts", str(legacy), stdout=out, lang="es")
    assert Post.objects.get().title_es == "Canción de Bogotá"
    assert "not UTF-8: read as Windows-1252" in out.getvalue()


def test_oversized_file_is_refused(tmp_path, good):
    big = tmp_path / "big.md"
    big.write_bytes(b"---\ntitle: x\ndate: 2025-01-01\n---\n" + b"a" * (MAX_BYTES + 1))
    _out, err = import_with_failures(good, big)
    assert_one_line_failure(err, big, "file too large")


def test_unreadable_file_is_reported(tmp_path, good):
    locked = tmp_path / "locked.md"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        if locked.stat().st_mode and _can_read(locked):
            pytest.skip("running as a user that can read mode-000 files (root)")
        _out, err = import_with_failures(good, locked)
    finally:
        locked.chmod(0o644)
    assert_one_line_failure(err, locked, "cannot read file")


def _can_read(path: Path) -> bool:
    try:
        path.read_bytes()
        return True
    except OSError:
        return False


def test_dangling_symlink_is_reported_as_unreadable(tmp_path, good):
    dangling = tmp_path / "gone.md"
    dangling.symlink_to(tmp_path / "does-not-exist.md")
    _out, err = import_with_failures(good, dangling)
    assert_one_line_failure(err, dangling, "cannot read file")


def test_a_device_named_as_a_file_is_refused_without_reading_it(good):
    """/dev/zero would never end; /dev/null stands for it (stat() gives both a size of 0)."""
    _out, err = import_with_failures(good, Path("/dev/null"))
    assert_one_line_failure(err, Path("/dev/null"), "cannot read file: not a regular file")


def test_missing_path_is_reported(tmp_path, good):
    missing = tmp_path / "nope.md"
    _out, err = import_with_failures(good, missing)
    assert_one_line_failure(err, missing, "no such file or directory")


@pytest.mark.postgres  # SQLite does not enforce column lengths
def test_group_failing_in_the_database_leaves_no_half_written_post(tmp_path, good):
    """A title longer than the column fails on PostgreSQL inside the group's transaction: nothing of that
    post remains."""
    long = tmp_path / "long.md"
    long.write_text(f"---\ntitle: {'x' * 400}\ndate: 2025-01-01\ntags: [solo]\n---\nBody\n", encoding="utf-8")
    _out, err = import_with_failures(good, long)
    assert "not written" in err
    assert Post.objects.count() == 1
    assert not Tag.objects.filter(slug="solo").exists()


def test_group_failing_midway_is_rolled_back_and_the_others_keep_their_tags(tmp_path, good):
    """A receiver of post_imported fails for one group after its post, tags and links were written:
    that group leaves nothing behind; the group imported before it is complete."""
    from blog.signals import post_imported

    bad = tmp_path / "zz-bad.md"
    bad.write_text("---\ntitle: Rompe todo\ndate: 2025-01-01\ntags: [solo]\n---\nTexto.\n", encoding="utf-8")
    good.write_text(GOOD.replace("date:", "tags: [buena]\ndate:"), encoding="utf-8")

    def explode(sender, post, **kwargs):
        if post.title_es == "Rompe todo":
            raise RuntimeError("receiver failed")

    post_imported.connect(explode)
    try:
        _out, err = import_with_failures(good, bad)
    finally:
        post_imported.disconnect(explode)
    assert "RuntimeError: receiver failed" in err
    assert list(Post.objects.values_list("title_es", flat=True)) == ["Una entrada buena"]
    assert list(Post.objects.get().tags.values_list("slug", flat=True)) == ["buena"]
    assert not Tag.objects.filter(slug="solo").exists()


@pytest.mark.django_db(transaction=True)
def test_batch_that_cannot_commit_is_reported_whole_and_rolled_back(tmp_path, good):
    """A receiver deletes the tag its post is about to be linked to: the batch fails at commit; every file of
    it is reported as failed, nothing of it remains, and the command still ends with a clear error."""
    from blog.signals import post_imported

    good.write_text(GOOD.replace("date:", "tags: [efímera]\ndate:"), encoding="utf-8")

    def delete_tag(sender, post, **kwargs):
        Tag.objects.filter(slug="efímera").delete()

    post_imported.connect(delete_tag)
    out, err = StringIO(), StringIO()
    try:
        with pytest.raises(CommandError, match=r"1 file\(s\) failed"):
            call_command("import_posts", str(good), stdout=out, stderr=err, lang="es")
    finally:
        post_imported.disconnect(delete_tag)
    assert "batch rolled back" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not Post.objects.exists()

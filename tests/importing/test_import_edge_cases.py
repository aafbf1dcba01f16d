"""Edge cases of the input (issue 11, point 9): file names that are not UTF-8, links out of the tree, UTF-16
files, mappings where text belongs, control characters, and author links the Author model refuses. Each bad
file gets its own line and the others import."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.models import Author, Category, Post, Tag

pytestmark = pytest.mark.django_db
GOOD = "---\ntitle: Una entrada buena\ndate: 2025-02-03\n---\nTexto en español.\n"


def run(*paths, failures: int = 0, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    options = {"lang": "es", **options}
    if failures:
        with pytest.raises(CommandError, match=rf"{failures} file\(s\) failed"):
            call_command("import_posts", *map(str, paths), stdout=out, stderr=err, **options)
    else:
        call_command("import_posts", *map(str, paths), stdout=out, stderr=err, **options)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return out.getvalue(), err.getvalue()


@pytest.fixture
def tree(tmp_path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    return folder


def titles() -> list[str]:
    return sorted(Post.objects.values_list("title_es", flat=True))


# --- (a) file names -----------------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_gets_its_own_line_and_the_others_import(tree):
    latin1 = os.fsdecode(os.path.join(os.fsencode(tree), b"caf\xe9.md"))
    Path(latin1).write_text(GOOD.replace("buena", "con nombre latino"), encoding="utf-8")
    out, err = run(tree, failures=1)
    assert err.splitlines() == [f"{tree}/caf\\xe9.md: file name is not valid UTF-8 (rename the file)"]
    assert titles() == ["Una entrada buena"]
    assert "1 created" in out and "1 failed" in out and "(2 files)" in out


def test_a_file_named_on_the_command_line_with_a_non_utf8_name_gets_its_line(tmp_path):
    latin1 = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"ni\xf1o.md")))
    latin1.write_text(GOOD, encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(GOOD.replace("buena", "otra"), encoding="utf-8")
    _out, err = run(latin1, good, failures=1)
    assert err.splitlines() == [f"{tmp_path}/ni\\xf1o.md: file name is not valid UTF-8 (rename the file)"]
    assert titles() == ["Una entrada otra"]


def test_a_file_name_with_a_control_character_is_refused_with_a_printable_line(tree):
    (tree / "a\x01b.md").write_text(GOOD.replace("buena", "rara"), encoding="utf-8")
    _out, err = run(tree, failures=1)
    assert err.splitlines() == [f"{tree}/a\\x01b.md: file name contains control characters (rename the file)"]
    assert titles() == ["Una entrada buena"]


def test_a_folder_whose_own_path_is_not_utf8_still_imports_with_printable_lines(tmp_path):
    folder = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"m\xfasica")))
    folder.mkdir()
    (folder / "good.md").write_text(GOOD, encoding="utf-8")
    out, _err = run(folder, verbosity=2)
    assert f"{tmp_path}/m\\xfasica/good.md: created" in out
    assert titles() == ["Una entrada buena"]


# --- (b) symbolic links -------------------------------------------------------------------------------------


def test_a_markdown_link_to_a_file_outside_the_folder_is_refused(tree, tmp_path):
    secret = tmp_path / "elsewhere" / "private.md"
    secret.parent.mkdir()
    secret.write_text(GOOD.replace("buena", "privada"), encoding="utf-8")
    (tree / "private.md").symlink_to(secret)
    _out, err = run(tree, failures=1)
    assert err.splitlines() == [f"{tree}/private.md: symbolic link to a file outside {tree}: not imported"]
    assert titles() == ["Una entrada buena"]


def test_a_markdown_link_inside_the_folder_is_followed(tree):
    (tree / "drafts").mkdir()
    (tree / "drafts" / "real.md").write_text(GOOD.replace("buena", "real"), encoding="utf-8")
    (tree / "shortcut.md").symlink_to(Path("drafts") / "real.md")
    run(tree)
    assert titles() == ["Una entrada buena", "Una entrada real", "Una entrada real"]


def test_a_linked_folder_is_not_entered(tree, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.md").write_text(GOOD.replace("buena", "de fuera"), encoding="utf-8")
    (tree / "linked").symlink_to(outside, target_is_directory=True)
    run(tree)
    assert titles() == ["Una entrada buena"]


def test_a_link_named_on_the_command_line_is_imported(tmp_path):
    target = tmp_path / "target.md"
    target.write_text(GOOD, encoding="utf-8")
    link = tmp_path / "elsewhere" / "link.md"
    link.parent.mkdir()
    link.symlink_to(target)
    run(link)
    assert titles() == ["Una entrada buena"]


# --- (e) UTF-16 and UTF-32 files ----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_unicode_file_with_a_byte_order_mark_is_read(tree, encoding):
    data = GOOD.replace("buena", "en UTF-16 ñ").encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tree / "windows.md").write_bytes(data)
    out, _err = run(tree)
    assert titles() == ["Una entrada buena", "Una entrada en UTF-16 ñ"]
    name = encoding.upper().removesuffix("-BE")
    assert f"warning: {tree}/windows.md: read as {name} (byte order mark)" in out


def test_a_broken_utf16_file_is_refused_with_a_line_naming_the_encoding(tree):
    (tree / "broken.md").write_bytes("---\ntitle: x\n".encode("utf-16") + b"\x00\xd8")  # lone surrogate
    _out, err = run(tree, failures=1)
    assert err.splitlines() == [
        f"{tree}/broken.md: not valid UTF-16 text (byte order mark of UTF-16, bad data at offset 28)"
    ]


# --- (f) mappings and lists where text belongs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("title:\n  es: Hola\n", "`title` must be text, not a mapping"),
        ("title: Hola\nsummary: [uno, dos]\n", "`summary` must be text, not a list"),
        ("title: Hola\ndescription: {a: 1}\n", "`description` must be text, not a mapping"),
        ("title: Hola\nslug: {es: hola}\n", "`slug` must be text, not a mapping"),
        ("title: Hola\ntranslationKey: [a]\n", "`translationKey` must be text, not a list"),
        ("title: Hola\nlang: {code: es}\n", "`lang` must be text, not a mapping"),
        ("title: Hola\nauthors:\n  - name: Ana\n", "`authors` must be a list of names; item 1 is a mapping"),
        ("title: Hola\ntags: [uno, [dos, tres]]\n", "`tags` must be a list of names; item 2 is a list"),
        ("title: Hola\ncategories: {a: b}\n", "`categories` must be a list of names; item 1 is a mapping"),
        ("title: Hola\nimages: [{src: a.png}]\n", "`images` must be a list of names; item 1 is a mapping"),
        (
            "title: Hola\nredirects: {slug: [[a]]}\n",
            "`redirects.slug` must be a list of names; item 1 is a list",
        ),
    ],
)
def test_a_mapping_or_list_where_text_belongs_refuses_the_file_naming_the_key(tree, front_matter, line):
    (tree / "nested.md").write_text(f"---\n{front_matter}date: 2025-01-01\n---\nTexto.\n", encoding="utf-8")
    _out, err = run(tree, failures=1)
    assert err.splitlines() == [f"{tree}/nested.md: {line}"]
    assert titles() == ["Una entrada buena"]


def test_unknown_keys_may_still_hold_mappings(tree):
    (tree / "extra.md").write_text(
        "---\ntitle: Con extra\ndate: 2025-01-01\nevent: {place: Bogotá, days: [1, 2]}\n---\nTexto.\n",
        encoding="utf-8",
    )
    run(tree)
    assert Post.objects.get(title_es="Con extra").extra == {
        "es": {"event": {"place": "Bogotá", "days": [1, 2]}}
    }


# --- (g) control characters --------------------------------------------------------------------------------


def test_control_characters_are_stripped_from_every_imported_string_and_a_repeat_changes_nothing(tree):
    (tree / "control.md").write_text(
        '---\ntitle: "Hola\\x07 mundo"\ndate: 2025-01-01\ntags: ["red\\x1b[31m", "tab\\tname"]\n'
        'categories: ["co\\x00sas"]\nauthors: ["ana\\x02"]\nsummary: "una\\x0blínea\\ny otra"\n'
        'notes: "nota\\x01"\n---\nCuerpo\x07 con\ttab\ny línea.\x1b\n',
        encoding="utf-8",
    )
    out, _err = run(tree)
    post = Post.objects.get(title_es="Hola mundo")
    assert post.body_es == "Cuerpo con\ttab\ny línea.\n"
    assert post.summary_es == "unalínea\ny otra"
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["red[31m", "tab name"]
    assert list(Category.objects.values_list("name", flat=True)) == ["cosas"]
    assert list(post.authors.values_list("slug", flat=True)) == ["ana"]
    assert post.extra == {"es": {"notes": "nota"}}
    again, _err = run(tree)
    assert "0 created, 0 updated, 2 unchanged" in again


# --- (h) author pages --------------------------------------------------------------------------------------


def test_author_links_the_model_refuses_are_dropped_with_a_warning_and_the_author_imported(tree):
    folder = tree / "authors" / "ana"
    folder.mkdir(parents=True)
    page = folder / "_index.md"
    page.write_text(
        "---\ntitle: Ana\ngithub: ana\nwebsite: javascript:alert(1)\n"
        "social:\n  linkedin: javascript:alert(1)\n  mastodon: javascript:alert(1)\n---\n",
        encoding="utf-8",
    )
    out, err = run(tree)
    author = Author.objects.get(slug="ana")
    assert (author.name, author.github, author.website, author.linkedin, author.mastodon) == (
        "Ana",
        "ana",
        "",
        "",
        "",
    )
    warnings = [line for line in out.splitlines() if line.startswith(f"warning: {page}: ")]
    assert [line.split(": ")[2] for line in warnings] == [
        "linkedin 'javascript:alert(1)' not imported",
        "mastodon 'javascript:alert(1)' not imported",
        "website 'javascript:alert(1)' not imported",
    ]
    assert all(line.endswith("Enter an http:// or https:// address.") for line in warnings)
    assert err == "" and "0 failed" in out


def test_a_refused_link_keeps_the_stored_one(tree):
    Author.objects.create(slug="ana", name="Ana", website="https://ana.example/")
    folder = tree / "authors" / "ana"
    folder.mkdir(parents=True)
    (folder / "_index.md").write_text(
        "---\ntitle: Ana\nwebsite: 'data:text/html,hi'\n---\n", encoding="utf-8"
    )
    out, _err = run(tree)
    assert Author.objects.get().website == "https://ana.example/"
    assert "website 'data:text/html,hi' not imported" in out


def test_a_post_whose_author_cannot_be_written_fails_alone(tree, monkeypatch):
    """Creating the post's author fails (a database error): that post is reported, the others import."""
    from django.db import IntegrityError

    from importing import writer

    create = writer.create_by_slug

    def failing_create(model, objects):
        if model is Author and any(obj.slug == "roto" for obj in objects):
            raise IntegrityError("injected failure creating author roto")
        create(model, objects)

    monkeypatch.setattr(writer, "create_by_slug", failing_create)
    (tree / "roto.md").write_text(GOOD.replace("buena", "rota").replace("date:", "authors: [roto]\ndate:"))
    (tree / "sana.md").write_text(GOOD.replace("buena", "sana").replace("date:", "authors: [ana]\ndate:"))
    _out, err = run(tree, failures=1)
    assert err.splitlines() == [
        f"{tree}/roto.md: post roto not written: IntegrityError: injected failure creating author roto"
    ]
    assert titles() == ["Una entrada buena", "Una entrada sana"]
    assert list(Author.objects.values_list("slug", flat=True)) == ["ana"]

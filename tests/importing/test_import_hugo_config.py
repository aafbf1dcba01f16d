"""Malformed Hugo configurations (issue 11, point 9c): one clear line naming the file and the key, never a
traceback."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importing.hugo import HugoConfigError, load_site

pytestmark = pytest.mark.django_db


def site(tmp_path: Path, name: str, content: bytes | str) -> Path:
    (tmp_path / "content" / "blog").mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def command_error(root: Path) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_posts", hugo_site=str(root), stdout=StringIO(), stderr=StringIO())
    return str(raised.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "hugo.yaml",
            "languages:\n  - es\n  - en\n",
            "`languages` must be a mapping of language keys to their settings, not a list",
        ),
        (
            "config/_default/languages.yaml",
            "- es\n- en\n",
            "`languages` must be a mapping of language keys to their settings, not a list",
        ),
        (
            "hugo.toml",
            'permalinks = "/:year/:slug/"\n',
            "`permalinks` must be a mapping of sections to URL patterns",
        ),
        (
            "hugo.yaml",
            "languages:\n  es: spanish\n",
            "`languages.es` must be a mapping of settings, not text",
        ),
        (
            "hugo.yaml",
            "languages:\n  es: {weight: first}\n",
            "`languages.es.weight` must be a number, not 'first'",
        ),
        ("hugo.yaml", "defaultContentLanguage: [es]\n", "`defaultContentLanguage` must be a language key"),
        ("hugo.yaml", "- just\n- a list\n", "configuration must be a mapping of settings, not a list"),
    ],
)
def test_a_key_of_the_wrong_shape_is_one_line_naming_the_file_and_the_key(tmp_path, name, content, message):
    path = site(tmp_path, name, content)
    error = command_error(tmp_path)
    assert error.startswith(f"{path}: {message}")
    assert "\n" not in error


def test_a_configuration_that_is_not_utf8_is_one_line(tmp_path):
    path = site(tmp_path, "hugo.toml", b'title = "Caf\xe9"\n')
    assert command_error(tmp_path) == f"{path}: configuration is not UTF-8 text (byte 0xe9 at offset 12)"


def test_a_configuration_with_a_byte_order_mark_is_read(tmp_path):
    site(tmp_path, "hugo.toml", b'\xef\xbb\xbfdefaultContentLanguage = "en"\n')
    assert load_site(tmp_path).default_language == "en"


def test_invalid_syntax_is_still_one_line(tmp_path):
    path = site(tmp_path, "hugo.json", "{languages: ")
    with pytest.raises(HugoConfigError, match=f"^{path}: invalid configuration: "):
        load_site(tmp_path)


def test_the_later_file_is_named_when_it_sets_the_key(tmp_path):
    """`config/_default/*` wins over `hugo.*`: the error names the file the value came from."""
    site(tmp_path, "hugo.yaml", "permalinks:\n  blog: /:year/:slug/\n")
    later = site(tmp_path, "config/_default/permalinks.yaml", "'/:slug/'\n")
    assert command_error(tmp_path).startswith(f"{later}: `permalinks` must be a mapping")

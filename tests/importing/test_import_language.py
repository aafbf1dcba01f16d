"""The language of an imported file: front matter `lang`/`language` > file-name suffix > `--lang` >
detection (lingua) > the default language; each rule checked against the ones below it."""

from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post
from importing.language import choose_language

SPANISH = (
    "Este es un texto en español que habla de la comunidad y de los eventos que organizamos cada año "
    "en la ciudad, con charlas, talleres y mucha gente nueva."
)
PORTUGUESE = (
    "Este é um texto em português que fala da comunidade e dos eventos que organizamos todos os anos "
    "na cidade, com palestras, oficinas e muita gente nova."
)


def choose(**overrides):
    values = {
        "front_matter": {},
        "suffix": None,
        "option": None,
        "title": "",
        "body": SPANISH,
        "default": "es",
    }
    return choose_language(**{**values, **overrides})


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"front_matter": {"lang": "pt"}, "suffix": "en", "option": "en"}, ("pt", "front matter")),
        ({"front_matter": {"language": "en"}, "suffix": "pt"}, ("en", "front matter")),
        ({"suffix": "pt", "option": "en"}, ("pt", "file name")),
        ({"option": "en"}, ("en", "--lang")),
        ({"body": PORTUGUESE}, ("pt", "detected")),
        ({"body": "", "title": "OK", "default": "pt"}, ("pt", "default")),
    ],
    ids=[
        "lang-beats-suffix-and-option",
        "language-key-beats-suffix",
        "suffix-beats-option",
        "option-beats-detection",
        "detection-without-hints",
        "default-when-detection-cannot-tell",
    ],
)
def test_language_precedence(overrides, expected):
    choice = choose(**overrides)
    assert (choice.code, choice.how) == expected


@pytest.mark.parametrize("tag", ["pt-BR", "pt_br", "PT-PT"])
def test_regional_front_matter_tag_is_its_site_language(tag):
    assert choose(front_matter={"lang": tag}).code == "pt"


def test_unknown_front_matter_language_is_kept_for_the_caller_to_skip():
    assert choose(front_matter={"lang": "fr-CA"}).code == "fr-ca"


def import_spanish_text(path, front_matter: str = "") -> list[list[str]]:
    """Import one file of Spanish prose named `path`; the languages of the posts it made."""
    path.write_text(f"---\ntitle: Hola\ndate: 2025-02-03\n{front_matter}---\n{SPANISH}\n", encoding="utf-8")
    call_command("import_posts", str(path), stdout=StringIO(), stderr=StringIO())
    return [post.languages() for post in Post.objects.all()]


@pytest.mark.django_db
def test_file_named_on_the_command_line_takes_its_language_from_its_suffix(tmp_path):
    assert import_spanish_text(tmp_path / "hola.pt.md") == [["pt"]]


@pytest.mark.django_db
def test_regional_lang_tag_in_front_matter_imports_into_that_language(tmp_path):
    assert import_spanish_text(tmp_path / "hola.md", "lang: pt-BR\n") == [["pt"]]

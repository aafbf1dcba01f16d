"""Hugo configurations: what the import depends on, when malformed, is one clear line naming the file and the
key (issue 11, point 9c), never a traceback; the rest is read as Hugo reads it, and a problem there is a
warning (issue 12, point 1)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from importing.hugo import HugoConfigError, load_site
from tests.paths import HUGO_SAMPLE

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


# --- configuration as Hugo reads it (issue 12, point 1) ---------------------------------------------------


def write(root: Path, files: dict[str, str]) -> Path:
    (root / "content" / "blog").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def menu(site, language: str) -> list[tuple]:
    return [(entry.identifier, entry.name, entry.url, entry.weight) for entry in site.menu(language)]


THREE_LANGUAGES = "es: {weight: 1, title: Bitácora}\nen: {weight: 2, title: Logbook}\npt: {weight: 3}\n"


def test_the_sample_gives_titles_menus_params_and_pagination():
    site = load_site(HUGO_SAMPLE)
    assert site.titles == dict.fromkeys(("es", "en", "pt"), "Bitácora Comunitaria")
    assert [entry.identifier for entry in site.menu("es")] == [
        "home", "blog", "events", "about", "contact", "forum"
    ]  # fmt: skip
    assert menu(site, "en")[3] == ("about", "About", "/en/about/", 40)  # from menu.yaml, the only en menu
    assert menu(site, "pt")[3] == ("contact", "Contato", "/contact/", 35)  # pt's own file, no forum
    assert [entry.identifier for entry in site.menu("pt")] == ["home", "blog", "events", "contact", "about"]
    assert site.menu("es")[0].params == {"icon": '<i class="fas fa-fw fa-home"></i>'}
    assert site.params["pt"]["tocwordcount"] == 120 and site.main_sections == ("blog", "news")
    assert site.pager_size == 3 and site.warnings == ()


def test_yaml_files_that_start_and_end_with_dashes_or_hold_several_documents_give_the_first(tmp_path):
    write(
        tmp_path,
        {
            "hugo.yaml": "---\ntitle: Primero\ndefaultContentLanguage: es\n---\ntitle: Segundo\n",
            "config/_default/params.yaml": "---\n---\nmainSections: [news]\n---\n",
        },
    )
    site = load_site(tmp_path)
    assert site.titles == {"es": "Primero"} and site.main_sections == ("news",)


def test_toml_config_directory_with_per_language_menus_and_params(tmp_path):
    write(
        tmp_path,
        {
            "config/_default/hugo.toml": 'defaultContentLanguage = "es"\ntitle = "Sitio"\n',
            "config/_default/languages.toml": "[es]\nweight = 1\n[en]\nweight = 2\ntitle = 'Site'\n",
            "config/_default/menus.toml": "[[main]]\nname = 'Home'\nurl = '/'\nweight = 1\n",
            "config/_default/menus.es.toml": "[[main]]\nname = 'Inicio'\nurl = '/'\nweight = 1\n",
            "config/_default/params.toml": "color = 'blue'\n[social]\ngithub = 'x'\n",
            "config/_default/params.en.toml": "color = 'red'\n",
            "config/_default/pagination.toml": "pagerSize = 7\n",
        },
    )
    site = load_site(tmp_path)
    assert site.titles == {"es": "Sitio", "en": "Site"}
    assert menu(site, "es") == [("Inicio", "Inicio", "/", 1)] and menu(site, "en") == [
        ("Home", "Home", "/", 1)
    ]
    assert site.params["es"] == {"color": "blue", "social": {"github": "x"}}
    assert site.params["en"] == {"color": "red", "social": {"github": "x"}}
    assert site.pager_size == 7


def test_json_config_with_titles_and_menus_inside_languages(tmp_path):
    write(
        tmp_path,
        {
            "hugo.json": """{"defaultContentLanguage": "pt", "title": "Root",
                "menus": {"main": [{"name": "Home", "url": "/", "weight": 1}],
                          "footer": [{"identifier": "rss", "name": "RSS", "url": "/index.xml"}]},
                "languages": {"pt": {"weight": 1, "title": "Diário",
                                     "menus": {"main": [{"name": "Início", "url": "/"}]}},
                              "en": {"weight": 2}},
                "pagination": {"pagerSize": 5}}""",
        },
    )
    site = load_site(tmp_path)
    assert site.languages == ("pt", "en") and site.titles == {"pt": "Diário", "en": "Root"}
    assert menu(site, "pt") == [("Início", "Início", "/", 0)]
    assert [entry.name for entry in site.menu("pt", "footer")] == ["RSS"]  # a menu pt lacks: the site's
    assert menu(site, "en") == [("Home", "Home", "/", 1)] and site.pager_size == 5


def test_menu_yaml_applies_only_to_languages_without_a_menu_file_of_their_own(tmp_path):
    write(
        tmp_path,
        {
            "config/_default/hugo.yaml": "defaultContentLanguage: es\n",
            "config/_default/languages.yaml": THREE_LANGUAGES,
            "config/_default/menu.yaml": "main:\n  - {name: Home, url: /, weight: 1}\n",
            "config/_default/menu.PT.yaml": "main:\n  - {name: Início, url: /, weight: 1}\n",
        },
    )
    site = load_site(tmp_path)
    assert [entry.name for code in site.languages for entry in site.menu(code)] == ["Home", "Home", "Início"]
    assert site.titles == {"es": "Bitácora", "en": "Logbook", "pt": ""}


def test_production_settings_are_laid_over_the_defaults_and_only_the_first_root_file_is_read(tmp_path):
    write(
        tmp_path,
        {
            "hugo.toml": 'title = "From hugo.toml"\n',
            "config.yaml": "title: never read\n",
            "config/_default/params.yaml": "mainSections: [blog]\n",
            "config/production/params.yaml": "mainSections: [news]\n",
        },
    )
    site = load_site(tmp_path)
    assert site.titles == {"en": "From hugo.toml"} and site.main_sections == ("news",)
    assert site.warnings == (
        f"{tmp_path / 'config.yaml'}: not read: Hugo reads only the first of hugo.*, config.* (hugo.toml)",
    )


@pytest.mark.parametrize(
    ("name", "content", "warning"),
    [
        ("config/_default/markup.toml", "[goldmark\n", "invalid configuration"),
        ("config/_default/menu.es.yaml", "main: [unclosed\n", "invalid configuration"),
        ("config/_default/params.yaml", b"color: caf\xe9\n", "configuration is not UTF-8 text"),
        ("config/_default/menus.yaml", "- name: Home\n", "`menus` must be a mapping of menu names"),
        ("config/_default/menus.yaml", "main:\n  - {url: /}\n", "needs a name and a url as text"),
        ("config/_default/pagination.yaml", "pagerSize: many\n", "`pagination.pagerSize` is 'many'"),
        ("config/_default/params.yaml", "- a list\n", "`params` is a list, not a mapping"),
        ("hugo.yaml", "title: [a, list]\n", "`title` is a list, not text"),
    ],
    ids=[
        "broken-unneeded",
        "broken-menu",
        "params-not-utf8",
        "menus-list",
        "entry",
        "pager",
        "params",
        "title",
    ],
)
def test_what_the_import_does_not_need_is_a_warning_never_an_error(tmp_path, name, content, warning):
    """The posts still import; the report carries one warning line naming the file."""
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "content" / "blog" / "hola.md").write_text(
        "---\ntitle: Hola\ndate: 2025-01-02\n---\nTexto.\n"
    )
    path = site(tmp_path, name, content)
    if name != "hugo.yaml":
        site(tmp_path, "hugo.yaml", "defaultContentLanguage: es\n")
    out = StringIO()
    call_command("import_posts", hugo_site=str(tmp_path), stdout=out, stderr=StringIO())
    warnings = [line for line in out.getvalue().splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and warnings[0].startswith(f"warning: {path}: ") and warning in warnings[0]
    assert "1 created" in out.getvalue()


def test_a_broken_languages_file_still_stops_the_import(tmp_path):
    path = site(tmp_path, "config/_default/languages.toml", "[es\n")
    assert command_error(tmp_path).startswith(f"{path}: invalid configuration: ")

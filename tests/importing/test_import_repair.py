"""Pure repair, parsing and Hugo-rule functions of the import pipeline (no database)."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import ftfy
import pytest

from importing import frontmatter, hugo, language, repair
from tests.paths import HUGO_SAMPLE, ROOT

ROOT = ROOT
SEEDS = ROOT / "fixtures" / "content"
KCD = SEEDS / "003_8d0ea2c73ec7d6ea.txt"


def test_kcd_sample_mojibake_is_repaired_everywhere():
    fixed, warnings = repair.fix_mojibake(KCD.read_text(encoding="utf-8"))
    assert "Bogotá es Sede de la Gran Reunión" in fixed
    assert "¡Atención, Bogotá!" in fixed
    assert not any(mark in fixed for mark in "√¬Ô\uf8ff")
    assert warnings and "'Bogot√°' → 'Bogotá'" in warnings[0]


def test_kcd_sample_emoji_that_lost_their_first_byte_are_restored():
    fixed, _warnings = repair.fix_mojibake(KCD.read_text(encoding="utf-8"))
    assert "**🎟️ Inscripciones:**" in fixed
    assert "**🎤 Call for Proposals" in fixed
    assert "**🤝 Oportunidades" in fixed


def test_line_repair_agrees_with_ftfy_on_the_whole_kcd_file():
    text = KCD.read_text(encoding="utf-8")
    assert repair.fix_mojibake(text)[0] == ftfy.fix_encoding(text)


@pytest.mark.parametrize(
    "correct",
    [
        "“Comillas” y ‘simples’ — it’s fine…",
        "¿Qué tal? ¡Hola!",
        "Pingüino, ação, «él», “Ésta”, ÁéÉ, Ñandú",
        "Emoji intactos: 🎉 🎟️ 🤝",
    ],
)
def test_correct_text_stays_byte_identical(correct):
    assert repair.fix_mojibake(correct) == (correct, [])


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.iterdir() if not p.name.startswith("003")))
def test_clean_samples_are_not_touched(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert repair.fix_mojibake(text) == (text, [])


def test_mixed_line_is_repaired_word_by_word():
    assert repair.fix_mojibake("Bogot√° y Bogotá")[0] == "Bogotá y Bogotá"


def test_headless_sequence_that_is_no_emoji_is_left_with_a_warning():
    damaged = "nota üØø aquí"  # 0x9F 0xAF 0xBF: with 0xF0 it is U+1FBFF, unassigned
    fixed, warnings = repair.fix_mojibake(damaged)
    assert fixed == damaged
    assert warnings == ["possibly damaged emoji left as is: 'üØø'"]


def test_malformed_sample_date_keeps_its_day_and_offset():
    value, warnings = repair.parse_date("2025-04-18T1T10:00:00-06:00")
    assert value == datetime(2025, 4, 18, tzinfo=timezone(timedelta(hours=-6)))
    assert "2025-04-18T1T10:00:00-06:00" in warnings[0]


def test_date_only_is_midnight_utc_like_hugo():
    assert repair.parse_date("2025-01-15") == (datetime(2025, 1, 15, tzinfo=UTC), [])


def test_offset_as_written_is_kept():
    value, _ = repair.parse_date("2025-06-01T00:30:00+02:00")
    assert (value.year, value.month, value.day) == (2025, 6, 1)


@pytest.mark.parametrize("value", ["yesterday", "2025-13-45", "18/04/2025"])
def test_unreadable_date_is_an_error(value):
    with pytest.raises(repair.DateError):
        repair.parse_date(value)


def test_front_matter_keeps_dates_as_written():
    data, body = frontmatter.parse_front_matter("---\ntitle: x\ndate: 2025-03-07T10:00:00-06:00\n---\nBody\n")
    assert data["date"] == "2025-03-07T10:00:00-06:00"
    assert body == "Body\n"


def test_toml_front_matter_is_read():
    data, _ = frontmatter.parse_front_matter('+++\ntitle = "x"\ndate = 2025-03-07\n+++\nBody')
    assert data == {"title": "x", "date": "2025-03-07"}


def test_more_marker_splits_the_summary():
    assert frontmatter.split_summary("Intro text.\n<!--more-->\nRest") == "Intro text."


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("¡Cumplimos cinco años! 🎉", "cumplimos-cinco-años"),
        (
            "Novedades de la 1.0: lo que cambió, lo que sigue",
            "novedades-de-la-1.0-lo-que-cambió-lo-que-sigue",
        ),
        ("What's new in 1.0: the maintainers' notes", "whats-new-in-1.0-the-maintainers-notes"),
        ("¿Por qué migrar de Hugo a Django?", "por-qué-migrar-de-hugo-a-django"),
    ],
)
def test_hugo_title_urlize(title, expected):
    assert hugo.urlize(title) == expected


def test_content_path_of_a_bundle_translation():
    path = hugo.parse_content_path("events/feria-del-libro-libre/index.en.md", ("es", "en", "pt"))
    assert (path.section, path.language, path.is_bundle) == ("events", "en", True)
    assert path.translation_key == "/events/feria-del-libro-libre"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_9a5b190a61900fa2.txt", "es"),
        ("001_5b2d1586aeec222d.txt", "pt"),
        ("002_e78032026aeb834a.txt", "en"),
    ],
)
def test_detection_tells_the_sample_languages_apart(name, expected):
    _data, body = frontmatter.parse_front_matter((SEEDS / name).read_text(encoding="utf-8"))
    assert language.detect_language(language.prose_of("", body))[0] == expected


def test_front_matter_language_beats_the_file_suffix():
    choice = language.choose_language(
        front_matter={"lang": "pt"}, suffix="en", option="es", title="t", body="b", default="es"
    )
    assert choice.code == "pt"


def make_site(**overrides) -> hugo.HugoSite:
    values = {"root": Path("/site"), "default_language": "es", "languages": ("es", "en", "pt")}
    return hugo.HugoSite(**{**values, **overrides})


def test_default_language_in_subdir_gets_its_prefix():
    site = make_site(default_in_subdir=True)
    path = hugo.parse_content_path("guides/primeros-pasos.md", site.languages)
    url = hugo.page_url(site, path, language="es", title="x", slug="", date=datetime(2025, 1, 1, tzinfo=UTC))
    assert url == "/es/guides/primeros-pasos/"


def test_slug_and_filename_permalink_tokens():
    site = make_site(permalinks={"news": "/:section/:year/:slug/", "blog": "/b/:filename/"})
    when = datetime(2025, 6, 1, tzinfo=UTC)
    news = hugo.parse_content_path("news/beta.en.md", site.languages)
    assert (
        hugo.page_url(site, news, language="en", title="The Beta!", slug="", date=when)
        == "/en/news/2025/the-beta/"
    )
    assert (
        hugo.page_url(site, news, language="en", title="x", slug="my-beta", date=when)
        == "/en/news/2025/my-beta/"
    )
    bundle = hugo.parse_content_path("blog/feria/index.md", site.languages)
    assert hugo.page_url(site, bundle, language="es", title="x", slug="", date=when) == "/b/feria/"


def test_site_config_is_read_from_the_sample():
    site = hugo.load_site(HUGO_SAMPLE)
    assert (site.default_language, site.languages, site.default_in_subdir) == (
        "es",
        ("es", "en", "pt"),
        False,
    )
    assert site.permalinks == {"blog": "/blog/:year/:month/:title/", "news": "/news/:year/:month/:title/"}


def test_toml_site_config_is_read(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "hugo.toml").write_text(
        'defaultContentLanguage = "pt"\n[languages.pt]\nweight = 1\n[languages.es]\nweight = 2\n'
        '[permalinks]\nposts = "/:year/:title/"\n'
    )
    site = hugo.load_site(tmp_path)
    assert (site.default_language, site.languages, site.permalinks) == (
        "pt",
        ("pt", "es"),
        {"posts": "/:year/:title/"},
    )


def test_terms_pair_by_position():
    from importing.terms import pair_terms

    concepts = pair_terms({"es": ["Comunidad", "AI"], "en": ["Community", "AI"]}, ["es", "en", "pt"])
    assert concepts == [{"es": "Comunidad", "en": "Community"}, {"es": "AI", "en": "AI"}]


def test_terms_in_another_order_pair_by_slug_only():
    """`django` moved, so the lists are not translations position by position: migración stays apart."""
    from importing.terms import pair_terms

    concepts = pair_terms({"es": ["django", "migración"], "en": ["migration", "Django"]}, ["es", "en"])
    assert concepts == [{"es": "django", "en": "Django"}, {"es": "migración"}, {"en": "migration"}]


def test_terms_of_uneven_lists_stay_apart_unless_slugs_match():
    from importing.terms import pair_terms

    concepts = pair_terms({"es": ["Comunidad", "python"], "en": ["Python"]}, ["es", "en"])
    assert concepts == [{"es": "Comunidad"}, {"es": "python", "en": "Python"}]


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/historia/", "en", "/historia/"),
        ("/old/page.html", "es", "/old/page.html"),
        ("historia", "en", "/en/historia/"),
        ("historia", "es", "/historia/"),
        ("/caf%C3%A9", "es", "/café/"),
    ],
    ids=["absolute", "file", "relative-prefixed", "relative-default-language", "percent-decoded"],
)
def test_front_matter_url_replaces_the_path(url, language, expected):
    """Hugo's rule (gohugo.io URL management; relative `url` gets the language prefix since Hugo 0.55)."""
    site = make_site(permalinks={"blog": "/blog/:year/:title/"})
    path = hugo.parse_content_path("blog/historia.md", site.languages)
    when = datetime(2025, 1, 1, tzinfo=UTC)
    assert hugo.page_url(site, path, language=language, title="x", slug="", date=when, url=url) == expected

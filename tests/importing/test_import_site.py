"""What a Hugo site holds besides posts (issue 12, points 2 and 4): static pages at their Hugo URLs, the
site's name and menus, and author pages with Hugo's precedence between `_index.md` and `_index.es.md`."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from blog.models import Author
from pages.models import MenuItem, SiteIdentity, site_name
from pages.models import Page as StaticPage
from tests.factories import PUBLISHED
from tests.paths import HUGO_SAMPLE

pytestmark = pytest.mark.django_db

CONFIG = "defaultContentLanguage: es\nlanguages:\n  es: {weight: 1}\n  en: {weight: 2}\n  pt: {weight: 3}\n"


def hugo_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"hugo.yaml": CONFIG, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run_import(root: Path, **options) -> str:
    out = StringIO()
    call_command("import_posts", hugo_site=str(root), stdout=out, stderr=StringIO(), verbosity=2, **options)
    return out.getvalue()


def test_an_authors_explicit_default_language_page_wins_over_the_unsuffixed_one(tmp_path):
    """es is the default language, so `_index.md` and `_index.es.md` are both es: Hugo keeps `.es.md`
    (files are read in name order, so `_index.md` comes last and used to win)."""
    root = hugo_site(
        tmp_path,
        {
            "content/authors/ana/_index.es.md": "---\ntitle: Ana Pérez\ndescription: Bio nueva.\n---\n",
            "content/authors/ana/_index.md": "---\ntitle: Ana Vieja\ndescription: Bio vieja.\n---\n",
            "content/authors/ana/_index.en.md": "---\ntitle: Ana Pérez\ndescription: New bio.\n---\n",
        },
    )
    out = run_import(root)
    author = Author.objects.get(slug="ana")
    assert (author.name, author.bio_es, author.bio_en) == ("Ana Pérez", "Bio nueva.", "New bio.")
    skipped = root / "content/authors/ana/_index.md"
    assert f"{skipped}: skipped: second es version of 'ana': kept authors/ana/_index.es.md" in out
    assert "1 created" in out and "1 skipped" in out


# --- static pages, the site's name and menus from the sample ----------------------------------------------


@pytest.fixture
def sample():
    return run_import(HUGO_SAMPLE)


def test_pages_without_a_date_are_static_pages_at_their_hugo_urls(sample):
    about = StaticPage.objects.get(source_key="/about")
    contact = StaticPage.objects.get(source_key="/contact")
    assert about.paths() == {"es": "/about/", "en": "/en/about/", "pt": "/pt/about/"}
    assert contact.paths() == {"es": "/contact/", "en": "/en/contact/", "pt": "/pt/contact/"}
    assert StaticPage.objects.count() == 2 and about.slug == "about"
    for code in ("es", "en", "pt"):
        assert about.translated("title", code) and about.translated("body", code)
    for name in ("index.md", "index.en.md", "index.pt.md"):
        assert f"{HUGO_SAMPLE / 'content/about' / name}: created: page /about [" in sample
    search = HUGO_SAMPLE / "content/search/_index.md"
    assert f"{search}: skipped: list page (_index), not a post" in sample


def test_the_site_name_and_each_languages_menu_come_from_the_configuration(sample):
    assert site_name("es") == site_name("en") == "Bitácora Comunitaria"
    menus = {
        code: [(i.identifier, i.name, i.url, i.weight) for i in MenuItem.objects.filter(language=code)]
        for code in ("es", "en", "pt")
    }
    assert menus["es"] == [
        ("home", "Inicio", "/", 10),
        ("blog", "Blog", "/blog/", 20),
        ("events", "Eventos", "/events/", 30),
        ("about", "Acerca de", "/about/", 40),
        ("contact", "Contacto", "/contact/", 50),
        ("forum", "Foro", "https://forum.example.org/", 60),
    ]
    assert menus["en"][3] == ("about", "About", "/en/about/", 40)  # menu.yaml: the only en menu
    assert [entry[0] for entry in menus["pt"]] == ["home", "blog", "events", "contact", "about"]  # no forum
    assert MenuItem.objects.get(language="en", identifier="about").href() == "/en/about/"  # not doubled
    assert MenuItem.objects.get(language="pt", identifier="blog").href() == "/pt/blog/"
    assert not MenuItem.objects.filter(identifier="archive").exists()  # the default menu is replaced
    assert (
        f"{HUGO_SAMPLE}: created: menu es: 6 entries" in sample
        or f"{HUGO_SAMPLE}: updated: menu es" in sample
    )


def test_a_second_run_changes_nothing_and_a_dry_run_writes_nothing(sample):
    pages = list(StaticPage.objects.values())
    menus = list(MenuItem.objects.values())
    again = run_import(HUGO_SAMPLE)
    assert "0 created, 0 updated" in again.splitlines()[-1]
    assert f"{HUGO_SAMPLE / 'content/about/index.md'}: unchanged: page /about [es]" in again
    assert f"{HUGO_SAMPLE}: unchanged: site name" in again and f"{HUGO_SAMPLE}: unchanged: menu pt" in again
    assert list(StaticPage.objects.values()) == pages and list(MenuItem.objects.values()) == menus


def test_a_dry_run_reports_the_pages_and_menus_and_writes_nothing():
    menus, identity = list(MenuItem.objects.values()), list(SiteIdentity.objects.values())
    out = run_import(HUGO_SAMPLE, dry_run=True)
    assert f"{HUGO_SAMPLE / 'content/contact/index.pt.md'}: created: page /contact [pt]" in out
    assert f"{HUGO_SAMPLE}: updated: menu es" in out
    assert not StaticPage.objects.exists() and list(MenuItem.objects.values()) == menus
    assert list(SiteIdentity.objects.values()) == identity


def test_the_site_name_follows_each_languages_title(tmp_path):
    config = (
        "defaultContentLanguage: es\ntitle: Bitácora\nlanguages:\n  es: {weight: 1}\n  en: {title: Logbook}\n"
    )
    root = hugo_site(
        tmp_path, {"hugo.yaml": config, "content/about/index.md": "---\ntitle: Acerca\n---\nHola.\n"}
    )
    menus = list(MenuItem.objects.values())
    out = run_import(root)
    assert (site_name("es"), site_name("en"), site_name("pt")) == ("Bitácora", "Logbook", "Bitácora")
    assert f"{root}: updated: site name: es 'Bitácora', en 'Logbook'" in out
    assert list(MenuItem.objects.values()) == menus  # no menu configured: the site's menus are kept


def test_a_page_whose_path_another_page_has_fails_alone_with_one_line_per_file(tmp_path):
    StaticPage.objects.create(**PUBLISHED, slug="nosotros", title_es="Nosotros", path_es="/about/")
    root = hugo_site(
        tmp_path,
        {
            "content/about/index.md": "---\ntitle: Acerca de\n---\nHola.\n",
            "content/contact/index.md": "---\ntitle: Contacto\n---\nEscríbenos.\n",
        },
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"1 file\(s\) failed"):
        call_command("import_posts", hugo_site=str(root), stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == (
        f"{root / 'content/about/index.md'}: page /about not written: PageNotWritten: "
        "path_es: Another page is served at this path."
    )
    assert StaticPage.objects.get(source_key="/contact").paths() == {"es": "/contact/"}

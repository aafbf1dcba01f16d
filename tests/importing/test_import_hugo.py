"""`import_posts --hugo-site` on tests/data/hugo-sample, a real Hugo site whose expected-urls.tsv and
expected-groups.tsv come from a Hugo 0.152 build (see its EXPECTED.md)."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from blog.models import Author, Category, Post, PostRedirect, Series, Tag
from covers.lazy import ensure_rendition
from importing.hugo import parse_content_path
from tests.paths import HUGO_SAMPLE, hugo_expected

SITE = HUGO_SAMPLE
pytestmark = pytest.mark.django_db

EXPECTED_URLS = hugo_expected("expected-urls.tsv")
EXPECTED_GROUPS = hugo_expected("expected-groups.tsv")
ALL_URLS = hugo_expected("expected-all-urls.tsv")


def run_import(*args, **options) -> str:
    out = StringIO()
    call_command("import_posts", *map(str, args), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


@pytest.fixture
def site():
    return run_import(hugo_site=str(SITE), verbosity=2)


def test_every_group_becomes_one_post(site):
    assert Post.objects.count() == len(EXPECTED_GROUPS)
    assert set(Post.objects.values_list("source_key", flat=True)) == {row["group"] for row in EXPECTED_GROUPS}


def test_every_group_is_seen_in_the_languages_hugo_published_and_holds_the_skipped_ones(site):
    """Drafts and future posts are imported too: written, but not seen by readers (per-language status)."""
    wrong = []
    for row in EXPECTED_GROUPS:
        published = set() if row["languages"] == "-" else set(row["languages"].split(","))
        skipped = set()
        if row["draft_or_future"] != "-":
            skipped = set(row["draft_or_future"].split(":")[1].split(","))
        post = Post.objects.get(source_key=row["group"])
        if set(post.languages()) != published or set(post.written_languages()) != published | skipped:
            wrong.append((row["group"], post.languages(), post.written_languages()))
    assert wrong == []


def hugo_group(source_files: str) -> str:
    """Hugo's translation key of a file: its front matter's `translationKey`, else its path's."""
    front_matter = yaml.safe_load(
        (SITE / "content" / source_files).read_text(encoding="utf-8").split("---")[1]
    )
    path = parse_content_path(source_files, ("es", "en", "pt"))
    return front_matter.get("translationKey") or path.translation_key


def test_every_hugo_url_is_recorded_for_its_page_and_language(site):
    """Every row of expected-urls.tsv: the path (percent-decoded), the language and the right post."""
    wrong = []
    for row in EXPECTED_URLS:
        redirect = PostRedirect.objects.filter(path=row["url"], origin=PostRedirect.Origin.HUGO).first()
        if redirect is None or redirect.language != row["language"]:
            wrong.append((row["source_files"], row["url"], redirect and redirect.language))
            continue
        group = hugo_group(row["source_files"])
        if redirect.post.source_key != group or not redirect.post.exists_in_language(row["language"]):
            wrong.append((row["source_files"], "wrong post", redirect.post.source_key))
    assert wrong == []
    assert PostRedirect.objects.filter(origin=PostRedirect.Origin.HUGO).count() >= len(EXPECTED_URLS)


def test_draft_is_imported_as_draft(site):
    post = Post.objects.get(source_key="/blog/borrador-busqueda")
    assert {post.language_state(code) for code in post.written_languages()} == {"draft"}


def test_future_post_is_imported_with_its_date_and_not_live(site):
    post = Post.objects.get(source_key="/blog/carta-al-futuro")
    assert post.date.year == 2031
    assert {post.language_state(code) for code in post.written_languages()} == {"scheduled"}
    assert not Post.objects.live().filter(pk=post.pk).exists()


def test_unsuffixed_duplicate_of_the_default_language_is_reported(site):
    assert "content/news/lanzamiento-beta.md: skipped: second es version" in site
    assert Post.objects.get(source_key="/news/lanzamiento-beta").title_es.startswith("¡Ya está aquí")


def test_pages_without_date_are_static_pages_and_the_search_section_is_skipped(site):
    """One line each: about and contact are imported as static pages (tests/importing/test_import_site.py);
    `search/_index.md` is a section page with no posts."""
    for name in ("about/index.md", "about/index.en.md", "about/index.pt.md", "contact/index.pt.md"):
        assert sum(f"content/{name}: created: page /" in line for line in site.splitlines()) == 1
    assert sum("content/search/_index.md: skipped" in line for line in site.splitlines()) == 1


def test_aliases_are_recorded_as_hugo_served_them(site):
    """The `alias` rows of expected-all-urls.tsv, Hugo's own `/es/` → `/` apart: absolute ones without a
    language prefix, the relative one next to its page."""
    hugo_aliases = {(row["url"], row["language"]) for row in ALL_URLS if row["kind"] == "alias"} - {
        ("/es/", "es")
    }
    aliases = PostRedirect.objects.filter(origin=PostRedirect.Origin.ALIAS)
    assert {(r.path, r.language) for r in aliases} == hugo_aliases
    assert ("/pt/news/2025/10/oficina-rascunho/", "pt") in hugo_aliases


def test_unknown_front_matter_keys_go_to_extra(site):
    post = Post.objects.get(source_key="/blog/notas-de-version-1-0")
    assert post.extra["es"]["canonical_source"].startswith("https://archive.example.net/")


def test_author_pages_create_authors_with_translated_bios(site):
    author = Author.objects.get(slug="lucia-ferreyra")
    assert author.name == "Lucía Ferreyra"
    assert author.bio_es.startswith("Desarrolladora backend") and author.bio_en and author.bio_pt
    assert (author.github, author.email) == ("lferreyra-dev", "lucia@example.org")


def test_terms_translated_by_position_share_one_row(site):
    tag = Tag.objects.get(name_es="migración")
    assert (tag.name_en, tag.name_pt) == ("migration", "migração")
    category = Category.objects.get(name_es="Comunidad")
    assert category.name_en == "Community"


def test_series_is_shared_across_languages(site):
    series = Series.objects.get(name_es="De Hugo a Django")
    assert series.posts.count() == 3


def test_summary_comes_from_description_or_more_marker(site):
    migrar = Post.objects.get(source_key="/blog/por-que-migrar")
    assert migrar.summary_es.startswith("Lo que ganamos y lo que perdemos")
    modelo = Post.objects.get(source_key="/blog/modelo-de-datos")
    assert modelo.summary_pt.startswith("Antes de escrever uma única linha")


def test_exif_rotated_cover_is_stored_upright_and_its_renditions_follow(site):
    post = Post.objects.get(source_key="/news/cafe-comunitario")
    assert Post.objects.filter(pk=post.pk, cover_width=320, cover_height=240).exists()  # stored, upright
    with Image.open(post.cover.path) as cover:
        assert cover.convert("RGB").getpixel((160, 5))[0] > 200  # red band on top
    assert post.rendition("listing") is None  # made when first asked for, not while importing
    listing = ensure_rendition(post, "listing")
    assert listing["webp"].endswith(".webp") and listing["fallback_type"] == "image/jpeg"
    assert (listing["width"], listing["height"]) == (320, 240)


def test_bundle_relative_cover_resolves_inside_the_bundle(site):
    post = Post.objects.get(source_key="/events/feria-del-libro-libre")
    assert post.cover and post.cover_source == "cover.jpg"


def test_missing_cover_keeps_its_path(site):
    post = Post.objects.get(source_key="/news/encontro-porto-alegre")
    assert post.cover_source == "/images/encontro-porto-alegre.webp" and not post.cover


def test_second_run_changes_nothing(site):
    """20 posts, 3 authors, 2 static pages, the site's name and 3 menus; skipped: search/_index.md and the
    unsuffixed lanzamiento-beta.md that loses to .es.md."""
    assert "0 created, 0 updated, 29 unchanged, 2 skipped" in run_import(hugo_site=str(SITE))


def test_our_slug_is_front_matter_slug_else_title(site):
    pasos = Post.objects.get(source_key="/guides/primeros-pasos")
    assert pasos.slug_es == "guia-rapida"
    assert pasos.slug_en == "getting-started-with-the-editor" or pasos.slug_en
    migrar = Post.objects.get(source_key="/blog/por-que-migrar")
    assert migrar.slug_es == "por-qué-migrar-de-hugo-a-django"


def write_tree(root: Path, groups: int) -> None:
    for n in range(groups):
        for code in ("es", "en", "pt"):
            suffix = "" if code == "es" else f".{code}"
            (root / "blog").mkdir(parents=True, exist_ok=True)
            (root / "blog" / f"post-{n}{suffix}.md").write_text(
                f"---\ntitle: Post {n} {code}\ndate: 2025-01-{n % 28 + 1:02d}\n"
                f"tags: [t{n % 7}-{code}, common-{code}]\ncategories: [c{n % 3}]\nauthors: [a{n % 2}]\n"
                f"---\nBody {n}.\n",
                encoding="utf-8",
            )


def queries_per_group(tmp_path: Path, groups: int) -> float:
    root = tmp_path / f"tree{groups}"
    write_tree(root, groups)
    with CaptureQueriesContext(connection) as context:
        run_import(root)
    return len(context.captured_queries) / groups


def test_queries_per_group_do_not_grow_with_the_corpus(tmp_path):
    small = queries_per_group(tmp_path, 5)
    Post.objects.all().delete()
    large = queries_per_group(tmp_path, 20)
    assert large <= small + 1


def test_content_tree_without_site_config_detects_unsuffixed_languages(tmp_path):
    """Without --hugo-site an unsuffixed file's language is detected: the old English `lanzamiento-beta.md`
    is read as English and loses to the explicit `.en.md`; the groups are the same as Hugo's."""
    output = run_import(SITE / "content", static_root=str(SITE / "static"), verbosity=2)
    assert Post.objects.count() == len(EXPECTED_GROUPS)
    assert "content/news/lanzamiento-beta.md: skipped: second en version" in output
    assert Post.objects.get(source_key="/news/cafe-comunitario").languages() == ["es"]
    assert not PostRedirect.objects.filter(origin=PostRedirect.Origin.HUGO).exists()


def test_file_in_a_language_the_site_does_not_have_is_skipped(tmp_path):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "hola.fr.md").write_text(
        "---\nlang: fr\ntitle: Bonjour\ndate: 2025-01-01\n---\nTexte.\n"
    )
    output = run_import(tmp_path)
    assert "skipped: language 'fr' is not one of this site's languages" in output
    assert not Post.objects.exists()


def test_author_page_x_link_is_stored_as_twitter(tmp_path):
    author_dir = tmp_path / "content" / "authors" / "ana"
    author_dir.mkdir(parents=True)
    (author_dir / "_index.md").write_text("---\ntitle: Ana\nsocial:\n  x: ana_dev\n  github: ana\n---\n")
    run_import(tmp_path / "content")
    assert Author.objects.values_list("twitter", "github").get() == ("ana_dev", "ana")


def test_front_matter_url_is_the_recorded_hugo_url(tmp_path):
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "config.yaml").write_text(
        "defaultContentLanguage: es\nlanguages:\n  es: {weight: 1}\n  en: {weight: 2}\n"
    )
    (tmp_path / "content" / "blog" / "historia.en.md").write_text(
        "---\ntitle: Our story\ndate: 2025-01-01\nurl: /about/story/\n---\nText.\n"
    )
    run_import(hugo_site=str(tmp_path))
    redirect = PostRedirect.objects.get(origin=PostRedirect.Origin.HUGO)
    assert (redirect.path, redirect.language) == ("/about/story/", "en")


def test_regional_hugo_language_key_imports_into_the_site_language_with_its_old_prefix(tmp_path):
    """A Hugo site that calls Portuguese `pt-br`: `x.pt-br.md` is our `pt`, served by Hugo at /pt-br/."""
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "config.yaml").write_text(
        "defaultContentLanguage: es\nlanguages:\n  es: {weight: 1}\n  pt-br: {weight: 2}\n"
    )
    for name, title in (("beta.md", "Beta lista"), ("beta.pt-br.md", "Beta pronta")):
        (tmp_path / "content" / "news" / name).write_text(
            f"---\ntitle: {title}\ndate: 2025-01-01\n---\nTexto.\n"
        )
    run_import(hugo_site=str(tmp_path))
    post = Post.objects.get()
    assert (post.languages(), post.title_pt) == (["es", "pt"], "Beta pronta")
    assert set(PostRedirect.objects.values_list("path", "language")) == {
        ("/news/beta/", "es"),
        ("/pt-br/news/beta/", "pt"),
    }


def test_site_translated_by_content_directory_groups_the_same_path(tmp_path):
    """Hugo's other layout: `languages.<code>.contentDir`; a file's language is its directory's."""
    (tmp_path / "config.yaml").write_text(
        "defaultContentLanguage: es\nlanguages:\n"
        "  es: {weight: 1, contentDir: content/es}\n  en: {weight: 2, contentDir: content/en}\n"
    )
    for code, title in (("es", "Hola mundo"), ("en", "Hello world")):
        folder = tmp_path / "content" / code / "blog"
        folder.mkdir(parents=True)
        (folder / "hola.md").write_text(f"---\ntitle: {title}\ndate: 2025-01-01\n---\nText.\n")
    run_import(hugo_site=str(tmp_path))
    post = Post.objects.get()
    assert (post.section, post.languages(), post.title_en) == ("blog", ["es", "en"], "Hello world")
    assert set(PostRedirect.objects.values_list("path", "language")) == {
        ("/blog/hola/", "es"),
        ("/en/blog/hola/", "en"),
    }

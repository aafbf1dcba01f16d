"""`ref`/`relref` shortcodes: the importer writes the target's Hugo URL once every page is read, and the
page links to the post's URL here (`importing.refs`, `blog.rendering.current_post_urls`)."""

from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post
from blog.rendering import rendered_body
from tests.html import attrs

pytestmark = pytest.mark.django_db

CONFIG = "defaultContentLanguage: es\nlanguages:\n  es: {weight: 1}\n  en: {weight: 2}\n  pt: {weight: 3}\n"


def make_site(tmp_path, files: dict[str, str]):
    (tmp_path / "config.yaml").write_text(CONFIG)
    for name, body in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        title = path.name.split(".")[0].title() + " " + path.name
        path.write_text(f"---\ntitle: {title}\ndate: 2025-01-0{len(files)}\n---\n{body}\n")
    return tmp_path


def run_import(site) -> str:
    out = StringIO()
    call_command("import_posts", hugo_site=str(site), stdout=out, stderr=StringIO())
    return out.getvalue()


def links(source_key: str, language: str = "es") -> list[str]:
    return attrs(rendered_body(Post.objects.get(source_key=source_key), language).html, "a", "href")


def url_of(source_key: str, language: str = "es") -> str:
    return Post.objects.get(source_key=source_key).get_absolute_url(language)


@pytest.fixture
def site(tmp_path):
    return make_site(
        tmp_path,
        {
            "blog/a.md": '[z]({{< ref "/blog/z" >}}) [z en]({{< relref path="/blog/z" lang="en" >}})',
            "blog/a.en.md": '[z]({{< relref "/blog/z" >}}) [pasos]({{< relref "/blog/z.md#pasos" >}})',
            "blog/z.md": "Zeta.",
            "blog/z.en.md": "Zeta.",
            "news/b.md": '[rel]({{< relref "../blog/z.md" >}}) [name]({{< ref "z" >}}) '
            '[en]({{< ref "/blog/z.en.md" >}})',
            "news/c.md": '[blog]({{< relref "/blog" >}}) [home]({{< relref "/" >}}) '
            '[about]({{< relref "/about" >}})',
            "news/c.en.md": '[blog]({{< relref "/blog" >}}) [home]({{< relref "/" >}})',
        },
    )


def test_a_ref_to_a_post_imported_later_in_the_run_links_to_its_page_here(site):
    run_import(site)
    assert links("/blog/a") == [url_of("/blog/z"), url_of("/blog/z", "en")]


def test_the_stored_body_holds_the_targets_hugo_url_and_no_shortcode(site):
    run_import(site)
    assert Post.objects.get(source_key="/blog/a").body_es.strip() == "[z](/blog/z/) [z en](/en/blog/z/)"


def test_a_ref_gives_the_pages_own_language_and_keeps_the_fragment(site):
    run_import(site)
    assert links("/blog/a", "en") == [url_of("/blog/z", "en"), url_of("/blog/z", "en") + "#pasos"]


def test_a_ref_may_be_relative_a_file_name_or_name_a_language_file(site):
    run_import(site)
    assert links("/news/b") == [url_of("/blog/z"), url_of("/blog/z"), url_of("/blog/z", "en")]


def test_a_ref_to_a_section_or_the_home_page_gives_that_page_in_the_pages_language(site):
    run_import(site)
    assert links("/news/c")[:2] == ["/blog/", "/"]
    assert links("/news/c", "en") == ["/en/blog/", "/en/"]


def test_a_ref_to_a_page_that_was_not_imported_keeps_its_path_with_a_warning(site):
    out = run_import(site)
    assert links("/news/c")[2] == "/about/"
    assert "news/c.md: relref '/about': no imported post or section there; linked to /about/" in out


def test_a_repeated_import_leaves_the_posts_with_refs_unchanged(site):
    run_import(site)
    assert "0 created, 0 updated, 4 unchanged" in run_import(site)


def test_the_link_follows_a_slug_changed_after_the_import(site):
    run_import(site)
    target = Post.objects.get(source_key="/blog/z")
    target.slug_es = "zeta-nueva"
    target.save()
    assert links("/blog/a")[0] == target.get_absolute_url("es")

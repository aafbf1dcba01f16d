"""Events meet imported posts: the `event:` front-matter hook, and the sample events with their links."""

import io

import frontmatter
import pytest
from django.core.management import call_command

from blog.models import Post
from blog.signals import post_imported
from events.models import Event
from tests.factories import PUBLISHED, make_post
from tests.paths import SAMPLE_POSTS

pytestmark = pytest.mark.django_db

SAMPLES = SAMPLE_POSTS


def send_imported(post, front_matter: dict, dry_run: bool = False) -> list[str]:
    """The warnings the events receiver returns for one `post_imported` signal."""
    from events.receivers import link_imported_post

    responses = post_imported.send(sender=Post, post=post, front_matter=front_matter, dry_run=dry_run)
    return next(result for receiver, result in responses if receiver is link_imported_post)


# --- the import hook ----------------------------------------------------------------------------------------


def test_front_matter_event_links_the_post_to_the_existing_event():
    event = Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name_es="KCD Colombia 2025")
    post = make_post()

    warnings = send_imported(post, {"es": {"title": "x", "event": "kcd-colombia-2025"}})

    assert warnings == []
    assert list(event.posts.all()) == [post]


def test_unknown_event_slug_creates_a_stub_named_after_it_with_a_warning():
    post = make_post()

    warnings = send_imported(
        post, {"es": {"event": "devopsdays-bogota"}, "en": {"event": "devopsdays-bogota"}}
    )

    stub = Event.objects.get(slug="devopsdays-bogota")
    assert stub.name == "devopsdays-bogota"
    assert stub.starts_at is None
    assert list(stub.posts.all()) == [post]
    assert len(warnings) == 1
    assert "devopsdays-bogota" in warnings[0]
    assert "stub" in warnings[0]


def test_dry_run_reports_the_stub_but_writes_nothing():
    post = make_post()

    warnings = send_imported(post, {"es": {"event": "devopsdays-bogota"}}, dry_run=True)

    assert "would create" in warnings[0]
    assert not Event.objects.exists()


def test_a_list_of_events_links_them_all():
    first = Event.objects.create(**PUBLISHED, slug="one", name_es="Uno")
    second = Event.objects.create(**PUBLISHED, slug="two", name_es="Dos")
    post = make_post()

    send_imported(post, {"pt": {"event": ["one", "two"]}})

    assert list(post.events.order_by("slug")) == [first, second]


def test_front_matter_without_event_does_nothing():
    post = make_post()

    assert send_imported(post, {"es": {"title": "Hola"}}) == []
    assert not post.events.exists()


def test_an_unusable_event_value_is_reported_not_linked():
    post = make_post()

    warnings = send_imported(post, {"es": {"event": "¡!"}})

    assert "not a usable slug" in warnings[0]
    assert not Event.objects.exists()


def test_import_posts_links_a_post_through_its_front_matter(tmp_path):
    Event.objects.create(**PUBLISHED, slug="kcd-colombia-2025", name_es="KCD Colombia 2025")
    source = tmp_path / "kcd.md"
    source.write_text(
        "---\ntitle: Crónica de KCD\ndate: 2025-08-30T10:00:00-05:00\nlang: es\n"
        "event: kcd-colombia-2025\n---\n\nTexto.\n",
        encoding="utf-8",
    )

    call_command("import_posts", str(source), verbosity=0)

    assert [post.title_es for post in Event.objects.get(slug="kcd-colombia-2025").posts.all()] == [
        "Crónica de KCD"
    ]


# --- the sample events ---------------------------------------------------------------------------------


def sample_titles() -> list[str]:
    return [frontmatter.load(path)["title"] for path in sorted(SAMPLES.glob("*.txt"))]


def test_sample_events_load_with_only_what_the_posts_say():
    call_command("load_sample_events", verbosity=0)

    kcd = Event.objects.get(slug="kcd-colombia-2025")
    openinfra = Event.objects.get(slug="openinfra-days-north-america-2025")
    assert (kcd.city, kcd.country, kcd.all_day, kcd.local_start.date().isoformat()) == (
        "Bogotá",
        "Colombia",
        True,
        "2025-08-29",
    )
    assert (openinfra.city, openinfra.starts_at, openinfra.url, openinfra.cfp_url) == (
        "Pasadena",
        None,
        "",
        "",
    )
    assert {kcd.name_pt, kcd.name_en, openinfra.name_pt, openinfra.name_en} == {
        "KCD Colombia 2025",
        "OpenInfra Days North America 2025",
    }


def test_sample_events_link_to_the_sample_posts_by_title():
    posts = [make_post(languages=("es",), title_es=title) for title in sample_titles()]

    call_command("load_sample_events", verbosity=0)

    kcd_posts = set(Event.objects.get(slug="kcd-colombia-2025").posts.all())
    openinfra_posts = set(Event.objects.get(slug="openinfra-days-north-america-2025").posts.all())
    assert kcd_posts == {posts[3]}
    assert openinfra_posts == {posts[0], posts[1], posts[2]}


def test_loading_the_sample_events_twice_changes_nothing():
    make_post(languages=("es",), title_es=sample_titles()[3])
    call_command("load_sample_events", verbosity=0)
    before = list(Event.objects.values_list("pk", "slug").order_by("pk"))

    call_command("load_sample_events", verbosity=0)

    assert list(Event.objects.values_list("pk", "slug").order_by("pk")) == before
    assert Event.objects.get(slug="kcd-colombia-2025").posts.count() == 1


def test_load_samples_imports_the_posts_and_links_the_sample_events():
    call_command("load_samples", verbosity=0)

    openinfra = Event.objects.get(slug="openinfra-days-north-america-2025")
    (kcd_post,) = Event.objects.get(slug="kcd-colombia-2025").posts.all()
    assert kcd_post.title_es.startswith("KCD Colombia 2025: Bogotá")
    (openinfra_post,) = openinfra.posts.all()
    assert openinfra_post.languages() == ["es", "pt", "en"]


def test_import_posts_reports_the_stub_event_it_creates_once(tmp_path):
    source = tmp_path / "devops.md"
    source.write_text(
        "---\ntitle: DevOpsDays\ndate: 2025-09-01T10:00:00-05:00\nlang: es\n"
        "event: devopsdays-bogota\n---\n\nTexto.\n",
        encoding="utf-8",
    )
    first, second = io.StringIO(), io.StringIO()

    call_command("import_posts", str(source), stdout=first, stderr=first)
    call_command("import_posts", str(source), stdout=second, stderr=second)

    assert "devopsdays-bogota" in first.getvalue()
    assert "stub" in first.getvalue()
    assert "stub" not in second.getvalue()
    assert Event.objects.get(slug="devopsdays-bogota").posts.count() == 1

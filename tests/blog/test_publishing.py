"""Per-language publishing: a language is seen by readers only once published and due, on every surface;
publishing one language leaves the others as they were; editors draft and submit, publishers publish."""

from datetime import timedelta

import feedparser
import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from blog.publishing import LanguageState, state_q
from events.models import Event
from pages.models import Page
from tests.discovery.test_sitemap import alternates, sitemap_urls
from tests.factories import PUBLISHED, make_post
from tests.html import attrs, select
from translating.grid import cell_state
from translating.sources import kinds

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_pt():
    """A post whose es and en are published and whose pt is still a draft."""
    return make_post(
        slug_pt="rascunho", title_pt="Rascunho secreto", body_pt="Texto rascunho único.", status_pt="draft"
    )


def login(client, username: str, group: str):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def test_a_draft_language_answers_404_at_its_address(client, draft_pt):
    assert client.get(draft_pt.get_absolute_url("pt")).status_code == 404
    assert client.get(draft_pt.get_absolute_url("es")).status_code == 200


def test_a_draft_language_is_not_in_its_listing(client, draft_pt):
    html = client.get("/pt/").content.decode()
    assert "Rascunho secreto" not in html


def test_a_draft_language_is_not_in_its_feed(client, draft_pt):
    feed = feedparser.parse(client.get("/pt/feed.xml").content)
    assert "Rascunho secreto" not in [entry.title for entry in feed.entries]


def test_a_draft_language_is_not_among_the_hreflang_alternates(client, draft_pt):
    html = client.get(draft_pt.get_absolute_url("es")).content
    assert "pt" not in attrs(html, 'link[rel="alternate"][hreflang]', "hreflang")


def test_a_draft_language_is_not_in_the_sitemap_nor_its_alternates(client, draft_pt):
    urls = sitemap_urls(client)
    assert not [loc for loc in urls if "rascunho" in loc]
    spanish = next(url for loc, url in urls.items() if loc.endswith(draft_pt.get_absolute_url("es")))
    assert "pt" not in alternates(spanish)


def test_a_draft_language_is_not_found_by_search(client, draft_pt):
    html = client.get("/pt/search/", {"q": "rascunho"}).content
    assert not [a for a in select(html, "main a") if "Rascunho secreto" in a.get_text()]


def test_the_language_switcher_does_not_offer_a_draft_language(client, draft_pt):
    html = client.get(draft_pt.get_absolute_url("es")).content
    assert attrs(html, ".lang-switcher a[data-lang]", "data-lang") == ["en"]
    assert attrs(html, ".lang-switcher a.lang-unavailable", "lang") == ["pt"]


def test_a_language_scheduled_for_later_is_hidden_until_its_own_date(client, time_machine):
    later = timezone.now() + timedelta(days=2)
    post = make_post(publish_at_en=later)
    assert post.language_state("en") == LanguageState.SCHEDULED
    assert client.get(post.get_absolute_url("en")).status_code == 404
    assert client.get(post.get_absolute_url("es")).status_code == 200
    time_machine.move_to(later + timedelta(minutes=1))
    assert client.get(post.get_absolute_url("en")).status_code == 200


def test_a_language_published_by_date_follows_the_posts_date(client):
    post = make_post(date=timezone.now() + timedelta(days=1))
    assert {post.language_state(code) for code in ("es", "pt", "en")} == {LanguageState.SCHEDULED}


def test_a_language_without_content_is_missing_whatever_its_status(client):
    post = make_post(languages=("es",), status_en="published")
    assert post.language_state("en") == LanguageState.MISSING
    assert post.languages() == ["es"]


def test_publishing_one_language_leaves_the_others_as_they_were(client):
    post = make_post(status_pt="draft", status_en="review")
    login(client, "pub", "Publishers")
    client.post(
        reverse("admin:blog_post_changelist"),
        {"action": "published_pt", "_selected_action": [post.pk]},
    )
    post.refresh_from_db()
    assert (post.status_es, post.status_pt, post.status_en) == ("published", "published", "review")


def test_an_editor_submits_a_language_for_review(client):
    post = make_post(status_pt="draft")
    login(client, "ed", "Editors")
    client.post(reverse("admin:blog_post_changelist"), {"action": "review_pt", "_selected_action": [post.pk]})
    post.refresh_from_db()
    assert post.status_pt == "review"


def test_an_editor_is_not_offered_the_publish_actions(client):
    make_post()
    login(client, "ed", "Editors")
    actions = (
        client.get(reverse("admin:blog_post_changelist")).context["action_form"].fields["action"].choices
    )
    names = [name for name, _label in actions]
    assert "review_pt" in names and "published_pt" not in names and "draft_pt" not in names


def test_an_editor_cannot_publish_through_the_action(client):
    post = make_post(status_pt="draft")
    login(client, "ed", "Editors")
    client.post(
        reverse("admin:blog_post_changelist"), {"action": "published_pt", "_selected_action": [post.pk]}
    )
    post.refresh_from_db()
    assert post.status_pt == "draft"


def change_form_data(client, post: Post, **changes) -> dict:
    """The change form's own initial values (as a browser would send them back), with `changes`."""
    response = client.get(reverse("admin:blog_post_change", args=[post.pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "cover":
            continue
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif hasattr(value, "isoformat") and name in (
            "date",
            "updated",
            *[f for f in form.fields if "publish_at" in f],
        ):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    data.update(changes)
    return data


def test_an_editor_cannot_publish_through_the_form(client):
    post = make_post(status_pt="review")
    login(client, "ed", "Editors")
    response = client.post(
        reverse("admin:blog_post_change", args=[post.pk]),
        change_form_data(client, post, status_pt="published"),
    )
    assert response.status_code == 200
    assert "status_pt" in response.context["adminform"].form.errors
    post.refresh_from_db()
    assert post.status_pt == "review"


def test_a_publisher_publishes_through_the_form(client):
    post = make_post(status_pt="review")
    login(client, "pub", "Publishers")
    response = client.post(
        reverse("admin:blog_post_change", args=[post.pk]),
        change_form_data(client, post, status_pt="published"),
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status_pt == "published"


def test_the_changelist_says_each_languages_state(client):
    make_post(
        status_pt="review", publish_at_en=timezone.now() + timedelta(days=3), languages=("es", "pt", "en")
    )
    login(client, "pub", "Publishers")
    html = client.get(reverse("admin:blog_post_changelist")).content
    classes = [" ".join(tag["class"]) for tag in select(html, "span.lang-state")]
    assert classes == [
        "lang-state lang-state-published",
        "lang-state lang-state-review",
        "lang-state lang-state-scheduled",
    ]


def test_the_state_filter_finds_a_language_in_review(client):
    make_post(title_es="En revisión", status_pt="review")
    make_post(title_es="Publicada")
    login(client, "pub", "Publishers")
    response = client.get(reverse("admin:blog_post_changelist"), {"language_state": "pt:review"})
    assert [post.title_es for post in response.context["cl"].result_list] == ["En revisión"]


def test_a_post_written_in_the_admin_starts_as_a_draft_in_every_language():
    post = Post.objects.create(title_es="Nueva", body_es="Texto")
    assert post.language_state("es") == LanguageState.DRAFT
    assert not Post.objects.live().exists()


def test_an_event_unpublished_in_one_language_is_hidden_there_only(client):
    Event.objects.create(**{**PUBLISHED, "status_en": "draft"}, slug="kcd", name_es="KCD", name_en="KCD")
    assert client.get("/events/kcd/").status_code in (200, 404)  # undated events have no detail page
    es = client.get("/events/").content.decode()
    en = client.get("/en/events/").content.decode()
    assert "KCD" in es and "KCD" not in en


def test_a_page_in_draft_in_one_language_is_served_only_in_the_others(client):
    Page.objects.create(
        **{**PUBLISHED, "status_pt": "draft"},
        slug="about",
        title_es="Acerca",
        title_pt="Sobre",
        body_es="x",
        body_pt="y",
        path_es="/about/",
        path_pt="/pt/sobre/",
    )
    assert client.get("/about/").status_code == 200
    assert client.get("/pt/sobre/").status_code == 404


def test_the_publishers_group_may_publish_and_the_editors_group_may_not():
    publishers = set(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"publish_post", "publish_event", "publish_page", "change_post"} <= publishers
    assert not {"publish_post", "publish_event", "publish_page"} & editors


def test_the_state_rules_read_the_same_on_an_object_in_the_admin_filter_and_in_the_grid():
    """Every combination of content, status and dates: the object's `language_state`, the admin filter's
    `state_q` (exactly one state matches) and the grid's SQL `CASE` agree."""
    now = timezone.now()
    ahead, past = now + timedelta(days=2), now - timedelta(days=2)
    posts = []
    for has_content in (True, False):
        for status in ("draft", "review", "published", ""):
            for publish_at in (None, past, ahead):
                for date in (past, ahead):
                    fields = {"date": date, "status_pt": status, "publish_at_pt": publish_at}
                    if not has_content:
                        fields.update(title_pt="", body_pt="")
                    posts.append(make_post(**fields))

    def in_state(post, state):
        return Post.objects.filter(state_q(Post, "pt", state), pk=post.pk).exists()

    grid = dict(Post.objects.annotate(cell=cell_state(kinds()["post"], "pt")).values_list("pk", "cell"))
    for post in posts:
        post.refresh_from_db()
        state = post.language_state("pt")
        matching = [
            each
            for each in LanguageState.values
            if Post.objects.filter(state_q(Post, "pt", each), pk=post.pk)
        ]
        assert (matching, grid[post.pk]) == ([state], state), (post.status_pt, post.publish_at_pt, post.date)

"""The grid: items × languages with their state, counts per language at the top, words to translate,
filters by state, language, section and author, a constant number of queries, and the dashboard's
"Outdated translations"."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Post
from tests.factories import make_author, make_post
from tests.html import select, texts
from translating.grid import OUTDATED, Filters, counts

pytestmark = pytest.mark.django_db

GRID = "/admin/translating/translationbasis/"
SUMMARY = "Un resumen corto"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editora", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def make_outdated(post, language_edit="body_es"):
    setattr(post, language_edit, "Un texto del todo nuevo, con siete palabras.")
    post.save()
    return post


@pytest.fixture
def site():
    """Three posts: all three languages up to date; es only (pt and en missing); pt and en outdated."""
    author = make_author("ana")
    return {
        "done": make_post(title_es="Completo", section="blog"),
        "alone": make_post(
            languages=("es",),
            title_es="Solo",
            summary_es=SUMMARY,
            body_es="Cuatro palabras en total.",
            section="news",
            authors=[author],
        ),  # fmt: skip
        "late": make_outdated(make_post(title_es="Atrasado", summary_es=SUMMARY, section="blog")),
    }


def row_titles(response) -> list[str]:
    return texts(response, ".grid-table tbody th[scope=row]")


def test_the_grid_is_on_the_admins_home_page(client, editor):
    assert GRID in [a["href"] for a in select(client.get(reverse("admin:index")), "a[href]")]


def test_each_cell_says_the_languages_state_and_links_to_the_desk(client, editor, site):
    response = client.get(GRID)
    late = [row for row in select(response, ".grid-table tbody tr") if "Atrasado" in row.get_text()][0]
    cells = late.select("td.grid-cell")
    assert [cell["class"][1] for cell in cells] == [
        "grid-state-published", "grid-state-outdated", "grid-state-outdated",
    ]  # fmt: skip
    assert cells[1].a["href"] == reverse("admin:translating_desk", args=["post", site["late"].pk, "pt"])


def test_missing_and_outdated_cells_say_how_many_words_to_translate(client, editor, site):
    """The source's words (title, summary, body): "Solo" 1 + "Un resumen corto" 3 + 4 in the body;
    "Atrasado" 1 + "Un resumen corto" 3 + 8 in the edited body."""
    rows = select(client.get(GRID + "?language=pt"), ".grid-table tbody tr")
    words = {row.th.get_text(strip=True): [w.split()[0] for w in texts(row, ".grid-words")] for row in rows}
    assert words == {"Completo": [], "Solo": ["8"], "Atrasado": ["12"]}


def test_the_counts_per_language(site):
    per_language = counts(Filters.from_query({}))
    assert per_language["pt"]["missing"] == 1
    assert per_language["pt"][OUTDATED] == 1
    assert per_language["pt"]["published"] == 1
    assert per_language["es"]["published"] == 3


def test_the_counts_are_shown_at_the_top_linking_to_the_cells(client, editor, site):
    line = [p for p in select(client.get(GRID), ".grid-count") if p.b.get_text() == "pt:"][0]
    links = {a["href"]: a.get_text().split()[-1] for a in line.select("a")}
    assert links == {
        "?kind=post&state=missing&language=pt": "1",
        f"?kind=post&state={OUTDATED}&language=pt": "1",
        "?kind=post&state=published&language=pt": "1",
    }


def test_the_state_and_language_filters(client, editor, site):
    assert row_titles(client.get(GRID + f"?state={OUTDATED}&language=pt")) == ["Atrasado"]
    assert row_titles(client.get(GRID + "?state=missing&language=en")) == ["Solo"]
    assert sorted(row_titles(client.get(GRID + "?state=published&language=pt"))) == ["Completo"]


def test_the_section_and_author_filters(client, editor, site):
    assert row_titles(client.get(GRID + "?section=news")) == ["Solo"]
    author = site["alone"].authors.get()
    assert row_titles(client.get(GRID + f"?author={author.pk}")) == ["Solo"]


def test_events_and_pages_have_their_grid(client, editor):
    from events.models import Event

    Event.objects.create(slug="meetup", name_es="Encuentro", status_es="published")
    assert row_titles(client.get(GRID + "?kind=event")) == ["Encuentro"]


def queries_for_the_grid(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(GRID).status_code == 200
    return len(captured)


def test_the_grid_takes_as_many_queries_for_200_posts_as_for_10(client, editor):
    for n in range(10):
        make_outdated(make_post()) if n % 3 == 0 else make_post(languages=("es", "pt"))
    at_10 = queries_for_the_grid(client)
    for n in range(190):
        make_outdated(make_post()) if n % 3 == 0 else make_post(languages=("es", "pt"))
    assert Post.objects.count() == 200
    assert queries_for_the_grid(client) == at_10


def test_the_dashboard_counts_outdated_translations(client, editor, site):
    page = client.get(reverse("admin:index"))
    links = {a["href"]: a.find_next_sibling("span").get_text() for a in select(page, ".attention-items a")}
    assert links[f"{GRID}?kind=post&language=pt&state={OUTDATED}"] == "1"

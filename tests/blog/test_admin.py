"""The editors' admin: change pages for superusers and editors, the Editors group, upload checks."""

import io
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.models import Post
from tests.factories import make_author, make_category, make_post, make_series, make_tag
from tests.html import select

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editora", password="pw-editora", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(buffer, "PNG")
    return buffer.getvalue()


def post_form_data(**overrides) -> dict:
    data = {
        "title_es": "Título",
        "title_pt": "",
        "title_en": "",
        "slug_es": "titulo",
        "slug_pt": "",
        "slug_en": "",
        "summary_es": "",
        "summary_pt": "",
        "summary_en": "",
        "body_es": "Cuerpo",
        "body_pt": "",
        "body_en": "",
        "section": "blog",
        "date_0": "2025-04-18",
        "date_1": "10:00:00",
        "translation_key": "",
        "extra": "{}",
        # Published in Spanish (a superuser may): tests that save through the form then read the page.
        "status_es": "published",
    }
    data.update(overrides)
    return data


def test_editors_group_has_content_rights_and_nothing_on_users():
    codenames = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    assert {"add_post", "change_post", "delete_post", "view_post", "change_event", "view_tag"} <= codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}


@pytest.mark.parametrize("who", ["superuser_client", "editor"])
def test_change_pages_load(who, request, client):
    request.getfixturevalue(who)
    post = make_post(authors=[make_author()], tags=[make_tag()], categories=[make_category()])
    for url in [
        reverse("admin:blog_post_changelist"),
        reverse("admin:blog_post_change", args=[post.pk]),
        reverse("admin:blog_post_add"),
        reverse("admin:blog_tag_change", args=[post.tags.get().pk]),
        reverse("admin:blog_series_change", args=[make_series().pk]),
        reverse("admin:blog_author_change", args=[post.authors.get().pk]),
        reverse("admin:events_event_add"),
    ]:
        assert client.get(url).status_code == 200, url


def test_post_change_page_has_a_tab_per_language(superuser_client):
    post = make_post()
    html = superuser_client.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    for code in ("es", "pt", "en"):
        assert f'name="title_{code}"' in html
    assert "jquery-ui/jquery-ui.min.js" in html
    assert "ajax.googleapis.com" not in html


def test_changelist_shows_per_language_completeness(superuser_client):
    make_post(languages=("es", "pt"), title_es="Dos idiomas")
    html = superuser_client.get(reverse("admin:blog_post_changelist")).content
    states = [" ".join(tag["class"]) for tag in select(html, "span.lang-state")]
    assert states == ["lang-state lang-state-published"] * 2 + ["lang-state lang-state-missing"]


def test_missing_language_filter(superuser_client):
    make_post(languages=("es",), title_es="Solo español")
    make_post(languages=("es", "en"), title_es="Con inglés")
    response = superuser_client.get(reverse("admin:blog_post_changelist"), {"missing": "en"})
    titles = [post.title_es for post in response.context["cl"].result_list]
    assert titles == ["Solo español"]


def test_search_finds_any_language(superuser_client):
    make_post(title_es="Uno", title_pt="Encontro em Porto Alegre", title_en="One")
    response = superuser_client.get(reverse("admin:blog_post_changelist"), {"q": "Porto Alegre"})
    assert response.context["cl"].result_count == 1


def test_editor_gets_403_on_user_admin(editor, client):
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_editor_can_save_a_draft_post(editor, client):
    response = client.post(reverse("admin:blog_post_add"), post_form_data(status_es="draft"))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Post.objects.get().title_es == "Título"


def test_a_real_image_upload_is_accepted(superuser_client):
    upload = SimpleUploadedFile("cover.png", png_bytes(), content_type="image/png")
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=upload))
    assert response.status_code == 302
    post = Post.objects.get()
    assert (post.cover_width, post.cover_height) == (8, 6)


def test_a_non_image_upload_is_refused_with_a_message(superuser_client):
    upload = SimpleUploadedFile("cover.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=upload))
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors
    assert not Post.objects.exists()


def test_a_truncated_image_is_refused(superuser_client):
    upload = SimpleUploadedFile("cover.png", png_bytes()[:40], content_type="image/png")
    response = superuser_client.post(reverse("admin:blog_post_add"), post_form_data(cover=upload))
    assert response.status_code == 200
    assert "cover" in response.context["adminform"].form.errors


def test_view_on_site_link_points_to_the_post(superuser_client):
    post = make_post()
    html = superuser_client.get(reverse("admin:blog_post_change", args=[post.pk])).content.decode()
    assert "viewsitelink" in html


@pytest.mark.parametrize("flag", ["featured", "carousel", "pinned"])
def test_flag_filters(superuser_client, flag):
    make_post(title_es="Marcada", **{flag: True})
    make_post(title_es="Sin marcar")
    response = superuser_client.get(reverse("admin:blog_post_changelist"), {f"{flag}__exact": "1"})
    assert [post.title_es for post in response.context["cl"].result_list] == ["Marcada"]


def test_section_filter_offers_the_sections_in_use(superuser_client):
    make_post(section="news", title_es="Noticia")
    make_post(section="blog", title_es="Entrada")
    response = superuser_client.get(reverse("admin:blog_post_changelist"), {"section": "news"})
    assert [post.title_es for post in response.context["cl"].result_list] == ["Noticia"]
    assert "?section=blog" in response.content.decode()


def test_date_hierarchy_narrows_to_a_year(superuser_client):
    make_post(title_es="De 2024", date=datetime(2024, 5, 1, tzinfo=UTC))
    make_post(title_es="De 2025", date=datetime(2025, 5, 1, tzinfo=UTC))
    response = superuser_client.get(reverse("admin:blog_post_changelist"), {"date__year": "2024"})
    assert [post.title_es for post in response.context["cl"].result_list] == ["De 2024"]


@pytest.mark.parametrize(
    ("field", "make", "term"),
    [("tags", make_tag, "Comunidade"), ("categories", make_category, "Comunidade")],
)
def test_editor_autocomplete_finds_terms_by_any_language(editor, client, field, make, term):
    make(slug="comunidad", names={"es": "Comunidad", "pt": "Comunidade", "en": "Community"})
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "blog", "model_name": "post", "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Comunidad"]


def test_editor_autocomplete_finds_authors_by_slug(editor, client):
    make_author("oss.lat", name="OSS Latam")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "blog", "model_name": "post", "field_name": "authors", "term": "oss"},
    )
    assert [item["text"] for item in response.json()["results"]] == ["OSS Latam"]


def test_a_non_image_avatar_is_refused(superuser_client):
    author = make_author("ana")
    upload = SimpleUploadedFile("ana.png", b"GIF89a but not really", content_type="image/png")
    response = superuser_client.post(
        reverse("admin:blog_author_change", args=[author.pk]),
        {"slug": "ana", "name": "Ana", "avatar": upload},
    )
    assert response.status_code == 200
    assert "avatar" in response.context["adminform"].form.errors

"""The admin: the changelist's "Export for translation" action and its form (a download), the import page
(a report and messages), and who may use them (staff in the Editors or Publishers groups)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from blog.models import Post
from exchange.exporting import translations_export
from exchange.formats import PO, XLIFF
from tests.exchange.conftest import KCD, RECAP, SOVEREIGN_AI, fill, parsed, unit_id
from tests.html import attrs, select, text, texts

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/blog/post/"


def staff(client, username="editor", group="Editors"):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    return staff(client)


def in_admin_language(msgid: str, plural: str = "", count: int = 1, **values) -> str:
    """A message as the admin shows it: in the site's language (Spanish: unprefixed URLs speak it)."""
    with translation.override(settings.LANGUAGE_CODE):
        if plural:
            return ngettext(msgid, plural, count) % {"count": count, **values}
        text = gettext(msgid)
    return text % values if values else text


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def export_url(*posts) -> str:
    return f"{reverse('exchange:export')}?ids={','.join(str(post.pk) for post in posts)}"


def test_the_changelist_offers_the_export_action(client, editor, kcd):
    html = client.get(CHANGELIST).content
    assert in_admin_language("Export for translation (XLIFF / PO)") in texts(
        html, 'select[name="action"] option'
    )


def test_the_action_leads_to_the_export_form_with_the_selected_posts(client, editor, samples):
    chosen = [samples[KCD].pk, samples[SOVEREIGN_AI].pk]
    response = client.post(
        CHANGELIST, {"action": "export_for_translation", "_selected_action": [str(pk) for pk in chosen]}
    )
    assert response.status_code == 302
    assert response["Location"] == export_url(samples[KCD], samples[SOVEREIGN_AI])


def test_the_export_form_lists_the_posts_and_asks_language_and_format(client, editor, samples):
    html = client.get(export_url(samples[KCD], samples[SOVEREIGN_AI])).content
    assert texts(html, ".exchange-posts a") == [str(samples[KCD]), str(samples[SOVEREIGN_AI])]
    assert attrs(html, '#exchange_export_form input[name="file_format"]', "value") == [XLIFF, PO]
    assert attrs(html, '#exchange_export_form select[name="language"] option', "value") == ["es", "pt", "en"]


@pytest.mark.parametrize("file_format", [XLIFF, PO])
def test_sending_the_export_form_downloads_the_file(client, editor, kcd, file_format):
    response = client.post(
        export_url(kcd), {"ids": str(kcd.pk), "language": "pt", "file_format": file_format}
    )
    assert response.status_code == 200
    extension = ".xlf" if file_format == XLIFF else ".po"
    assert response["Content-Disposition"] == f'attachment; filename="posts-{kcd.pk}.pt{extension}"'
    units = [unit_id(unit, file_format) for unit in parsed(response.content, file_format).getunits()]
    assert f"post/{kcd.pk}/title" in units


def test_exporting_into_the_posts_own_language_says_there_is_nothing_to_translate(client, editor, kcd):
    response = client.post(export_url(kcd), {"ids": str(kcd.pk), "language": "es", "file_format": XLIFF})
    assert response.status_code == 200
    expected = in_admin_language(
        "Nothing to translate into %(language)s (written in it, or no text yet): %(titles)s.",
        language="es",
        titles=f"“{kcd}”",
    )
    assert text(response, ".errorlist") == expected


def test_the_export_form_without_posts_sends_back_to_the_list(client, editor):
    response = client.get(reverse("exchange:export"))
    assert response.status_code == 302
    assert message_texts(response) == [in_admin_language("Choose the posts to export in the list first.")]


def test_the_changelist_links_to_the_import_page(client, editor):
    assert attrs(client.get(CHANGELIST), "a.exchange-import-link", "href") == [reverse("exchange:import")]


def upload(client, content: bytes, name: str, language="pt"):
    return client.post(
        reverse("exchange:import"), {"language": language, "file": SimpleUploadedFile(name, content)}
    )


def test_importing_a_filled_file_makes_drafts_and_says_so(client, editor, kcd):
    content = fill(translations_export(posts=[kcd], language="pt", file_format=XLIFF).content, XLIFF)
    response = upload(client, content, "kcd.pt.xlf")
    assert response.status_code == 200
    saved = in_admin_language(
        "%(count)d post now has a %(language)s draft from the file.",
        "%(count)d posts now have a %(language)s draft from the file.",
        count=1,
        language="pt",
    )
    assert message_texts(response) == [saved]
    assert attrs(response, ".exchange-report tbody tr", "class") == ["saved"]
    assert Post.objects.get(pk=kcd.pk).status_pt == "draft"


def test_the_import_report_names_flagged_segments_and_skipped_posts(client, editor, samples):
    kcd, recap = samples[KCD], samples[RECAP]
    content = fill(translations_export(posts=[kcd, recap], language="pt", file_format=PO).content, PO)
    kcd.title_es = "Un título nuevo"
    kcd.save()
    response = upload(client, content, "both.po")
    assert f"post/{kcd.pk}/title" in texts(response, f'tr[data-post="{kcd.pk}"] .flagged code')
    published = in_admin_language(
        "%(language)s is published; unpublish it or use the translation desk.", language="pt"
    )
    assert text(response, f'tr[data-post="{recap.pk}"] .notes') == published
    flagged = in_admin_language(
        "%(count)d segment was not applied: its source changed since the export.",
        "%(count)d segments were not applied: their source changed since the export.",
        count=1,
    )
    assert flagged in message_texts(response)


def test_a_refused_file_is_a_message_naming_the_problem(client, editor, kcd):
    response = upload(client, b"not XML at all", "broken.xlf")
    assert response.status_code == 200
    problem = in_admin_language("The file is not well-formed XML: %(error)s", error="")
    assert [message for message in message_texts(response) if problem in message]
    assert not select(response, ".exchange-report")


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    for name in ("exchange:export", "exchange:import"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_right_to_change_posts_are_refused(client):
    staff(client, "visitor", group=None)
    assert client.get(reverse("exchange:import")).status_code == 403
    assert client.get(reverse("exchange:export") + "?ids=1").status_code == 403


def test_publishers_may_import_too(client):
    staff(client, "publisher", group="Publishers")
    assert client.get(reverse("exchange:import")).status_code == 200


def test_the_import_page_speaks_the_admins_language(client, editor):
    assert texts(client.get(reverse("exchange:import")), "h1") == ["Importar traducciones"]


@pytest.mark.parametrize(("code", "label"), [("pt", "Importar traduções"), ("en", "Import translations")])
def test_the_import_pages_strings_are_translated(code, label):
    with translation.override(code):
        assert gettext("Import translations") == label

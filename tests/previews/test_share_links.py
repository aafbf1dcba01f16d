"""A share link shows a post's current draft, in its language, to anyone who has it, marked noindex and
never cached; an expired, altered or withdrawn link is refused with a page that says so."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from previews.models import ShareKey
from previews.sharing import SALT, share_path
from tests.html import select_one, text

pytestmark = pytest.mark.django_db


def refusal(response) -> str:
    return text(response, ".preview-refusal")


def test_a_share_link_shows_the_draft_to_a_reader(client, draft):
    response = client.get(share_path(draft, "es"))
    assert response.status_code == 200
    assert text(response, "h1#post-title") == "Borrador secreto"
    assert "Texto del borrador, único." in text(response, "article.post")


def test_a_share_link_shows_the_banner_for_a_shared_preview(client, draft):
    response = client.get(share_path(draft, "es"))
    assert text(response, ".preview-banner-state") == "Borrador"
    assert "enlace" in text(response, ".preview-banner-note")  # "… a través de un enlace compartido …"
    assert not response.context["preview"].edit_url  # no way into the admin from a shared page


def test_a_share_link_is_in_its_own_language(client, draft):
    response = client.get(share_path(draft, "pt"))
    assert text(response, "h1#post-title") == "Rascunho secreto"
    assert select_one(response, "html")["lang"] == "pt"
    assert response["Content-Language"] == "pt"


def test_a_share_link_is_noindex_and_never_stored(client, draft):
    response = client.get(share_path(draft, "es"))
    assert select_one(response, 'meta[name="robots"]')["content"] == "noindex, nofollow"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_share_link_shows_the_draft_as_it_is_now(client, draft):
    url = share_path(draft, "es")
    draft.title_es = "Borrador corregido"
    draft.save()
    assert text(client.get(url), "h1#post-title") == "Borrador corregido"


def test_a_share_link_works_until_it_expires(client, draft, time_machine):
    url = share_path(draft, "es")
    time_machine.move_to(timezone.now() + timedelta(days=6, hours=23))
    assert client.get(url).status_code == 200


def test_an_expired_share_link_is_refused(client, draft, time_machine):
    url = share_path(draft, "es")
    time_machine.move_to(timezone.now() + timedelta(days=7, minutes=1))
    response = client.get(url)
    assert response.status_code == 403
    assert "caducado" in refusal(response)
    assert b"Borrador secreto" not in response.content


def test_the_expiry_follows_the_setting(client, draft, settings, time_machine):
    settings.PREVIEW_LINK_MAX_AGE = 3600
    url = share_path(draft, "es")
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert client.get(url).status_code == 403


def test_an_altered_share_link_is_refused(client, draft):
    token = share_path(draft, "es").strip("/").split("/")[-1]
    payload, _sep, signature = token.partition(":")
    other = signing.loads(token, salt=SALT)
    other["p"] = draft.pk + 1  # pointing the link at another post
    forged = signing.dumps(other, salt=SALT).partition(":")[0]
    for tampered in (f"{forged}:{signature}", f"{payload}:{signature[:-2]}xx"):
        response = client.get(f"/preview/{tampered}/")
        assert response.status_code == 403
        assert "no es válido" in refusal(response)


def test_a_link_signed_for_something_else_is_refused(client, draft):
    token = signing.dumps({"m": "blog.post", "p": draft.pk, "l": "es", "k": ""})  # no share salt
    assert client.get(f"/preview/{token}/").status_code == 403


def test_a_withdrawn_share_link_is_refused(client, draft):
    url = share_path(draft, "es")
    ShareKey.rotate(draft)
    response = client.get(url)
    assert response.status_code == 403
    assert "retirado" in refusal(response)


def test_a_link_made_after_a_withdrawal_works(client, draft):
    ShareKey.rotate(draft)
    assert client.get(share_path(draft, "es")).status_code == 200


def test_a_share_link_to_a_deleted_post_is_not_found(client, draft):
    url = share_path(draft, "es")
    draft.delete()
    assert client.get(url).status_code == 404


def test_a_share_link_to_a_language_since_emptied_is_not_found(client, draft):
    url = share_path(draft, "pt")
    draft.body_pt = ""
    draft.save()
    assert client.get(url).status_code == 404


def test_once_published_a_share_link_leads_to_the_post(client, draft):
    url = share_path(draft, "es")
    draft.set_language_status("es", "published")
    draft.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url("es")


def test_a_share_link_to_a_scheduled_post_shows_it_before_its_date(client, scheduled):
    response = client.get(share_path(scheduled, "es"))
    assert response.status_code == 200
    assert text(response, ".preview-banner-state").startswith("Programado para")

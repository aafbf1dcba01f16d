"""Share links without third-party scripts: the links' addresses, and the Mastodon step that works without
JavaScript under the CSP (a page that moves on by itself, not a redirect the form-action rule would stop)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from reader.sharing import mastodon_host, share_links
from tests.factories import make_post
from tests.html import attrs, select, select_one, text

URL = "https://blog.example/blog/2026/01/hola/"


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("mastodon.social", "mastodon.social"),
        ("https://Mastodon.Social/", "mastodon.social"),
        ("@lector@social.example", "social.example"),
        ("social.example:8443/@lector", "social.example:8443"),
        ("mañana.example", "xn--maana-pta.example"),
        ("localhost", ""),
        ("javascript:alert(1)", ""),
        ("evil.example/\\@x", "evil.example"),
        ("", ""),
    ],
)
def test_mastodon_server_is_read_from_what_a_reader_types(typed, host):
    assert mastodon_host(typed) == host


def test_every_service_gets_the_title_and_the_address():
    links = {link["name"]: urlsplit(link["href"]) for link in share_links(title="Hola & adiós", url=URL)}
    assert set(links) == {"Bluesky", "LinkedIn", "X", "Telegram", "WhatsApp", "e-mail"}
    assert parse_qs(links["Bluesky"].query) == {"text": [f"Hola & adiós {URL}"]}
    assert parse_qs(links["LinkedIn"].query) == {"url": [URL]}
    assert parse_qs(links["X"].query) == {"text": ["Hola & adiós"], "url": [URL]}
    assert parse_qs(links["Telegram"].query) == {"url": [URL], "text": ["Hola & adiós"]}
    assert parse_qs(links["WhatsApp"].query) == {"text": [f"Hola & adiós {URL}"]}
    assert links["e-mail"].scheme == "mailto"
    assert parse_qs(links["e-mail"].query) == {"subject": ["Hola & adiós"], "body": [URL]}


@pytest.mark.django_db
def test_post_page_shares_its_own_address_in_its_language(client):
    post = make_post(title_pt="Olá")
    response = client.get(post.get_absolute_url("pt"))
    bluesky = next(href for href in attrs(response, ".share a", "href") if "bsky.app" in href)
    assert parse_qs(urlsplit(bluesky).query)["text"] == [
        f"Olá http://testserver{post.get_absolute_url('pt')}"
    ]
    assert select_one(response, ".share form")["action"] == "/pt/share/mastodon/"


@pytest.mark.django_db
def test_mastodon_step_moves_on_to_the_readers_server(client):
    response = client.get("/share/mastodon/", {"instance": "https://social.example/", "text": "Hola " + URL})
    assert response.status_code == 200
    target = "https://social.example/share?text=Hola+https%3A%2F%2Fblog.example%2Fblog%2F2026%2F01%2Fhola%2F"
    assert select_one(response, 'meta[http-equiv="refresh"]')["content"] == f"0;url={target}"
    assert attrs(response, "main a.button", "href") == [target]
    assert "no-store" in response["Cache-Control"]  # never kept by the page cache nor a proxy


@pytest.mark.django_db
def test_mastodon_step_asks_again_for_a_server_it_cannot_read(client):
    response = client.get("/en/share/mastodon/", {"instance": "not a server", "text": "Hi"})
    assert response.status_code == 400
    assert select(response, 'meta[http-equiv="refresh"]') == []
    assert select_one(response, "input[name=instance]")["value"] == "not a server"
    assert text(response, ".share-error").startswith("Type the address of your Mastodon server")

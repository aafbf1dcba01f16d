"""Author profile links: the stored user names and addresses turned into http(s) links, and nothing else.

The fields are validated on save (`blog.validators`), but a row written behind the model's back (SQL, an old
backup) must still never become a `javascript:` link: every URL is built here and checked again.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from blog.validators import FEDIVERSE_ADDRESS, HANDLE


def profile_links(author) -> list[dict[str, str]]:
    links = [
        (_("Website"), author.website),
        ("GitHub", author.github and profile_url(author.github, "https://github.com/{}")),
        ("X/Twitter", author.twitter and profile_url(author.twitter, "https://x.com/{}")),
        ("LinkedIn", author.linkedin and profile_url(author.linkedin, "https://www.linkedin.com/in/{}")),
        ("Mastodon", author.mastodon and fediverse_url(author.mastodon)),
    ]
    return [
        {"label": label, "url": url}
        for label, url in links
        if url and url.lower().startswith(("https://", "http://"))
    ]


def profile_url(value: str, template: str) -> str:
    """An http(s) address as it is, a user name through `template`; anything else gives no link."""
    if "://" in value:
        return value
    return template.format(value.lstrip("@")) if HANDLE.fullmatch(value) else ""


def fediverse_url(address: str) -> str:
    """`@user@example.social` → `https://example.social/@user`; an http(s) address as it is."""
    if "://" in address:
        return address
    if not FEDIVERSE_ADDRESS.fullmatch(address):
        return ""
    user, _sep, host = address.lstrip("@").partition("@")
    return f"https://{host}/@{user}"

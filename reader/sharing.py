"""Share links for a post: plain links to each service's own share page, no third-party script or request.

Mastodon has no central share page: the reader names their server in a small form. With JavaScript
(static/js/features.js) the browser goes straight to `https://<server>/share?text=…`; without it the form
asks `mastodon_share` here, which answers with a page that moves on by itself (a `<meta http-equiv=refresh>`)
and a link. Not an HTTP redirect: the CSP's `form-action 'self'` also covers where a form's redirects lead,
so Chromium would block a redirect to another site after the form is sent.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# A host name with at least one dot (and an optional port): what a Mastodon server's address is.
HOST = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(:[0-9]{1,5})?$")
MAX_SHARE_TEXT = 1000


def absolute_url(request, path: str) -> str:
    """The address to share: on `SITE_URL` when it is set (the canonical origin), else the request's."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    return request.build_absolute_uri(path)


def share_links(*, title: str, url: str) -> list[dict]:
    """`[{"name", "href"}]`: the services' share pages for `title` at `url`, and e-mail."""
    text = f"{title} {url}"
    return [
        {"name": "Bluesky", "href": "https://bsky.app/intent/compose?" + urlencode({"text": text})},
        {
            "name": "LinkedIn",
            "href": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {"name": "X", "href": "https://x.com/intent/post?" + urlencode({"text": title, "url": url})},
        {"name": "Telegram", "href": "https://t.me/share/url?" + urlencode({"url": url, "text": title})},
        {"name": "WhatsApp", "href": "https://wa.me/?" + urlencode({"text": text})},
        {
            "name": "e-mail",
            "href": f"mailto:?subject={quote(title)}&body={quote(url)}",
            "is_email": True,
        },
    ]


def mastodon_host(value: str) -> str:
    """The server's host from what a reader typed: `mastodon.social`, `https://mastodon.social/` or
    `@me@mastodon.social`; "" when it is not a host name."""
    host = re.sub(r"^https?://", "", (value or "").strip(), flags=re.IGNORECASE).split("/", 1)[0]
    host = host.rsplit("@", 1)[-1].lower()
    try:
        host = host.encode("idna").decode("ascii")  # a server named in Unicode letters
    except UnicodeError:
        return ""
    return host if HOST.match(host) else ""


def mastodon_share_url(host: str, text: str) -> str:
    return f"https://{host}/share?" + urlencode({"text": text[:MAX_SHARE_TEXT]})


@require_GET
@never_cache
def mastodon_share(request):
    """The form's answer without JavaScript: a page that opens the reader's server (or the form again)."""
    text = request.GET.get("text", "")[:MAX_SHARE_TEXT]
    host = mastodon_host(request.GET.get("instance", ""))
    context = {"text": text, "instance": request.GET.get("instance", "")[:200], "host": host}
    if host:
        context["target"] = mastodon_share_url(host, text)
    return render(request, "blog/share_mastodon.html", context, status=200 if host else 400)

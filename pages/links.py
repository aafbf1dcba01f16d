"""Addresses the site's editors type: menu links and static-page paths, checked and shown as Hugo shows them.

`rel_lang_url` is Hugo's `relLangURL`: a site-relative address is shown under the language's prefix
(`/blog/` → `/pt/blog/`; unchanged for the default language, served at `/`), one that already starts with
that prefix is kept (`/en/about/` in the English menu) and an absolute http(s) address is kept. Only those
two kinds are accepted: a menu link can never be `javascript:`, `data:` or another host written as `//host`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Whitespace or control characters anywhere, or a backslash (browsers read `/\host` as `//host`).
UNSAFE_CHARACTERS = re.compile(r"[\s\x00-\x1f\x7f\\]")


def validate_menu_url(value: str) -> None:
    """An absolute http(s) address with a host, or an address on this site (`/blog/`, `blog/`)."""
    parts = urlsplit(value) if value and not UNSAFE_CHARACTERS.search(value) else None
    if parts is not None:
        if parts.scheme in ("http", "https") and parts.netloc:
            return
        if not parts.scheme and not parts.netloc and not value.startswith("//"):
            return
    raise ValidationError(
        _("Enter an address on this site (such as /blog/) or an http:// or https:// address."),
        code="invalid_menu_url",
    )


def validate_page_path(value: str) -> None:
    """A path on this site as a browser shows it decoded: `/about/`, `/en/about/`, `/pt/sobre-nós/`."""
    parts = urlsplit(value) if not UNSAFE_CHARACTERS.search(value) else None
    if parts is None or parts.scheme or parts.netloc or parts.query or parts.fragment:
        raise ValidationError(_("Enter a path on this site, such as /about/."), code="invalid_page_path")
    if not value.startswith("/") or value.startswith("//") or "/../" in f"{value}/":
        raise ValidationError(_("Enter a path on this site, such as /about/."), code="invalid_page_path")


def language_prefix(language: str) -> str:
    """`/pt` for a language served under a prefix, "" for the default one (served at `/`)."""
    uses_prefixes, prefix_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    if not uses_prefixes or (language == settings.LANGUAGE_CODE and not prefix_default):
        return ""
    return f"/{language}"


def rel_lang_url(url: str, language: str) -> str:
    """The address a menu entry links to in `language`, as Hugo's `relLangURL` gives it."""
    if urlsplit(url).scheme:
        return url
    path = url if url.startswith("/") else f"/{url}"
    prefix = language_prefix(language)
    if not prefix or path == prefix or path.startswith(f"{prefix}/"):
        return path
    return f"{prefix}{path}"

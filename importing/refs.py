"""`ref` and `relref` shortcodes → the URL of the page they name, once every page of the run is read.

A target may be imported later in the same run (or have a slug still to be made unique), so the body gets
the target's **Hugo URL** in the language asked for (`lang=`, else the one a `name.LANG.md` path names,
else the page's own), which the pipeline knows for every page before it writes any. The reader's renderer
then sends a link to a post's old URL to the post's URL of the day (`blog.rendering.current_post_urls`,
through the `PostRedirect` rows the import keeps), so links follow slug changes made later in the admin.
Writing the Hugo URL, not the new one, also keeps a repeated import `unchanged`.

Static pages (about, contact) are targets too: they are served here at their Hugo URLs.
`ref` and `relref` both give a root-relative URL (Hugo's `ref` is absolute, on the old host). A section
(`relref "/events"`) gives the section's page here in that language; `/` the home page. A target that is
not among the imported posts keeps the path as written, with a warning.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import NoReverseMatch

from blog.models import language_codes
from blog.paths import home_path, section_path
from importing import hugo, language
from importing.grouping import Group
from importing.pages import Page
from importing.shortcodes import REFS, Tag, tags

_EXTENSION = re.compile(r"\.(?:md|markdown|html?)$", re.IGNORECASE)
_INDEX = re.compile(r"(?:^|/)_?index$")
# Characters a Markdown link destination may hold as they are; the rest is percent-encoded.
_SAFE = "/-._~:@!$&'*+,;=%#?"


def resolve_refs(groups: list[Group], static_pages: list[Page], *, site: hugo.HugoSite | None) -> list[str]:
    """Replace every ref/relref in the bodies of the posts' groups and of the static pages (about,
    contact, served here at their Hugo URLs); the warnings, each naming its file."""
    statics: dict[str, Group] = {}
    for page in static_pages:
        if page.path is not None:
            statics.setdefault(page.path.translation_key, Group(page.path.translation_key)).pages[
                page.language
            ] = page
    index = RefIndex.build([*groups, *statics.values()], site)
    warnings = []
    for page in [page for group in groups for page in group.pages.values()] + static_pages:
        if "{{" not in page.body:
            continue
        page.body, found = expand_refs(page.body, lambda tag, page=page: index.url(tag, page))
        page.summary = expand_refs(page.summary, lambda tag, page=page: index.url(tag, page))[0]
        warnings += [f"{page.display}: {warning}" for warning in found]
    return warnings


def expand_refs(body: str, url_for) -> tuple[str, list[str]]:
    """`body` with each ref/relref tag replaced by `url_for(tag)` → (url, warning or None)."""
    pieces, warnings, position = [], [], 0
    for tag in tags(body):
        if tag.name not in REFS or tag.closing or tag.comment is not None:
            continue
        url, warning = url_for(tag)
        pieces += [body[position : tag.start], url]
        position = tag.end
        if warning:
            warnings.append(warning)
    return "".join(pieces) + body[position:], warnings


@dataclass
class RefIndex:
    languages: tuple[str, ...]
    by_path: dict[str, Group] = field(default_factory=dict)  # "blog/por-que-migrar" → its group
    by_name: dict[str, list[Group]] = field(default_factory=dict)  # "por-que-migrar" → groups
    sections: dict[str, str] = field(default_factory=dict)  # Hugo section folder → section slug here

    @classmethod
    def build(cls, groups: list[Group], site: hugo.HugoSite | None) -> RefIndex:
        index = cls(tuple(site.languages) if site else tuple(language_codes()))
        for group in groups:
            for page in group.pages.values():
                if page.path is None:
                    continue
                index.by_path[page.path.translation_key.strip("/")] = group
                named = index.by_name.setdefault(page.path.filename, [])
                if group not in named:
                    named.append(group)
                index.sections[page.path.section] = page.section
        return index

    def url(self, tag: Tag, page: Page) -> tuple[str, str | None]:
        written = tag.get("path", 0)
        path, _, fragment = written.partition("#")
        key, file_language = self._key(path)
        asked = language.site_code(tag.get("lang")) if tag.get("lang") else None
        wanted = asked or file_language or page.language
        group = self._group(key, relative=not path.startswith("/"), page=page)
        suffix = f"#{fragment}" if fragment else ""
        if group is not None:
            return self._post_url(group, wanted, written, suffix)
        if key in self.sections or not key:
            section_url = self._section_url(key, wanted)
            if section_url:
                return section_url + suffix, None
        fallback = quote("/" + path.strip("/") + ("/" if path.strip("/") else ""), safe=_SAFE) + suffix
        return fallback, f"{tag.name} {written!r}: no imported post or section there; linked to {fallback}"

    def _key(self, path: str) -> tuple[str, str | None]:
        """The content path without slashes, extension, language suffix or index name; that language."""
        key = _EXTENSION.sub("", path.strip().strip("/"))
        stem, dot, suffix = key.rpartition(".")
        file_language = None
        if dot and suffix.lower() in self.languages:
            key, file_language = stem, language.site_code(suffix.lower())
        return _INDEX.sub("", key), file_language

    def _group(self, key: str, *, relative: bool, page: Page) -> Group | None:
        if relative and page.path is not None:
            nearby = posixpath.normpath(posixpath.join(page.path.folder, key))
            if nearby in self.by_path:
                return self.by_path[nearby]
        if key in self.by_path:
            return self.by_path[key]
        named = self.by_name.get(key, []) if "/" not in key else []
        return named[0] if len(named) == 1 else None

    def _post_url(self, group: Group, wanted: str, written: str, suffix: str) -> tuple[str, str | None]:
        target = group.pages.get(wanted)
        warning = None
        if target is None:
            target = next(iter(group.pages.values()))
            warning = f"ref {written!r} has no {wanted} version; linked to the {target.language} one"
        if not target.hugo_url:
            return quote(written, safe=_SAFE), f"ref {written!r}: its URL is unknown without --hugo-site"
        return quote(target.hugo_url, safe=_SAFE) + suffix, warning

    def _section_url(self, key: str, code: str) -> str:
        """The home page or a section's page here, in `code` (`/events/` is the events app's page)."""
        try:
            return section_path(self.sections[key], code) if key else home_path(code)
        except NoReverseMatch:
            return ""

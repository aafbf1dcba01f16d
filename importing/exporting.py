"""Posts → a Hugo `content/` tree (the round trip of `import_posts`).

Each post becomes `<section>/<slug>.<lang>.md` per language it has a title in (the slug of its first language
names all its files), with front matter holding every imported field, the unknown keys kept in `extra`,
aliases, other old URLs under `redirects: {hugo: […], slug: […]}` and `translationKey`; authors become
`authors/<slug>/_index.<lang>.md` pages, and every category, tag and series a page per language it exists
in (`tags/<slug>/_index.<lang>.md`, a `translationKey` linking its languages). Importing the exported tree
into an empty database gives the same rows (tests/importing/test_export.py). Not carried: cover and avatar
image files (the cover's `cover_source` path is).
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import yaml
from django.conf import settings

from blog.models import Author, Post, PostRedirect, language_codes
from blog.publishing import LanguageStatus
from blog.taxonomy import TERM_MODELS
from importing.pages import FLAGS, SOCIAL_KEYS


def export_posts(directory: Path, *, posts=None) -> int:
    """Write every post (or `posts`) and every author under `directory`; returns the number of files."""
    posts = posts if posts is not None else Post.objects.all()
    posts = posts.prefetch_related("authors", "categories", "tags", "redirects").select_related("series")
    used: set[str] = set()
    written = 0
    for post in posts.order_by("pk"):
        base = _base_name(post, used)
        for language in _titled_languages(post):
            path = directory / post.section / f"{base}.{language}.md"
            _write(path, post_front_matter(post, language), post.translated("body", language))
            written += 1
    for author in Author.objects.all():
        for language, data in author_front_matter(author).items():
            _write(directory / "authors" / author.slug / f"_index.{language}.md", data, "")
            written += 1
    for taxonomy, model in TERM_MODELS.items():
        for term in model.objects.all():
            for language, data in term_front_matter(term).items():
                _write(directory / taxonomy / term.slug_in(language) / f"_index.{language}.md", data, "")
                written += 1
    return written


def _titled_languages(post: Post) -> list[str]:
    """Every language with a title: a post needs no body to be kept (a draft started in the admin)."""
    return [code for code in language_codes() if post.translated("title", code)]


def _base_name(post: Post, used: set[str]) -> str:
    languages = _titled_languages(post) or [settings.LANGUAGE_CODE]
    base = post.translated("slug", languages[0]) or f"post-{post.pk}"
    if f"{post.section}/{base}" in used:
        base = f"{base}-{post.pk}"
    used.add(f"{post.section}/{base}")
    return base


def post_front_matter(post: Post, language: str) -> dict:
    """The front matter of the post's file in `language`: every imported field, then its `extra` keys."""
    data: dict = {
        "title": post.translated("title", language),
        "slug": post.translated("slug", language),
        "date": post.date.astimezone(UTC).isoformat(),
    }
    if post.updated:
        data["lastmod"] = post.updated.astimezone(UTC).isoformat()
    data.update({flag: getattr(post, flag) for flag in FLAGS if flag != "draft"})
    data["draft"] = post.status_in(language) != LanguageStatus.PUBLISHED
    if post.translated("summary", language):
        data["description"] = post.translated("summary", language)
    data.update(_taxonomy_front_matter(post, language))
    if post.cover_source:
        data["images"] = [post.cover_source]
    data.update(_redirect_front_matter(post, language))
    data["translationKey"] = post.translation_key or post.source_key or f"post-{post.pk}"
    data.update((post.extra or {}).get(language, {}))
    return data


def _taxonomy_front_matter(post: Post, language: str) -> dict:
    """`categories`, `tags` and `series` that exist in `language`, by their names there; `authors` by slug;
    only those set."""
    data: dict = {}
    for attribute in ("categories", "tags"):
        terms = sorted(getattr(post, attribute).all(), key=lambda term: term.pk)
        names = [_term_name(term, language) for term in terms if term.slug_in(language)]
        if names:
            data[attribute] = names
    if post.series and post.series.slug_in(language):
        data["series"] = [_term_name(post.series, language)]
    authors = sorted(author.slug for author in post.authors.all())
    if authors:
        data["authors"] = authors
    return data


def _redirect_front_matter(post: Post, language: str) -> dict:
    """The post's old URLs in `language`: `aliases`, and the other origins under `redirects`."""
    redirects: dict[str, list[str]] = {}
    for redirect in sorted(post.redirects.all(), key=lambda r: r.path):
        if redirect.language == language:
            redirects.setdefault(redirect.origin, []).append(redirect.path)
    data: dict = {}
    if PostRedirect.Origin.ALIAS in redirects:
        data["aliases"] = redirects.pop(PostRedirect.Origin.ALIAS)
    if redirects:
        # Old Hugo URLs and earlier slugs, so the round trip keeps every redirect.
        data["redirects"] = {str(origin): paths for origin, paths in redirects.items()}
    return data


def _term_name(term, language: str) -> str:
    return term.name_in(language) or term.name or term.slug_in(language)


def term_front_matter(term) -> dict[str, dict]:
    """A term's page in each language it exists in (`tags/<slug>/_index.<lang>.md`): its name, and a
    `translationKey` shared by its languages, so the import links them again (importing.term_links)."""
    languages = term.languages()
    key = f"{term.kind}/{term.slug_in(languages[0])}" if languages else ""
    return {code: {"title": _term_name(term, code), "translationKey": key} for code in languages}


def author_front_matter(author: Author) -> dict[str, dict]:
    social = {key: getattr(author, key) for key in SOCIAL_KEYS if getattr(author, key)}
    pages = {}
    for language, _name in settings.LANGUAGES:
        bio = getattr(author, f"bio_{language}", "") or ""
        if language == settings.LANGUAGE_CODE or bio:
            data = {"title": author.name}
            if bio:
                data["description"] = bio
            if social:
                data["social"] = social
            pages[language] = data
    return pages


def _write(path: Path, front_matter: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")

"""Leaving alone what did not change since the last import: a post whose files are byte for byte the ones
it was last imported from is reported `unchanged` without reading its files again.

Each import records, per post it wrote (`record`, in the batch's transaction): each source file (which file,
the sha256 of its bytes, its language), the digest of the import's options and of the importer itself, a
digest of the post as the import left it (`stored_states`: its row's last save time and series, its tag,
category and author links, its old URLs), and what other groups of a later run need from its files
(`replay`: term names per language, Hugo paths and URLs, the hashes of its cover and body images). The next
run (`Previous.load`) skips a post's files when all of this still holds:

- the same files are found (none missing, none added to its group, each with the same bytes);
- the options (`--lang`, `--default-lang`, `--section`, `--static-root`, `--max-bytes`, the Hugo site's
  configuration), the site's languages and time zone, and the importer's code are the same;
- the post was not saved since (an edit in the admin or the desk moves `modified_at`; then the post is
  compared in full, and the file's values are written back and reported `updated`, as without this), its
  links and old URLs are as that import left them (a tag deleted in the admin, say);
- its images have the same bytes.

Never recorded, so always compared in full: posts whose files gave warnings (they are reported again each
run), posts whose bodies name other pages (`ref`/`relref`: their text depends on other files), loose files
(their grouping depends on the other loose files). What the fingerprint does not cover: rows changed with
`QuerySet.update()` or SQL, and terms renamed in the admin (a full comparison would not rename them back
either). A skipped post sends no `post_imported`.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings

from blog.chunks import IN_LIMIT, chunked
from blog.models import Post, PostRedirect, language_codes
from importing import sources
from importing.grouping import Group, page_key
from importing.hugo import ContentPath
from importing.models import ImportedFile, ImportedPost
from importing.pages import ImportOptions, Page
from importing.term_links import TAXONOMIES, group_lists

# Bump when the same files and options should give other rows than before in a way the importer's own source
# does not show (its code is hashed too, see `importer_digest`).
FORMAT = 1
LINKS = ("tags", "categories", "authors")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def importer_digest() -> str:
    """The importer's own code: any change to it makes every post compared in full once."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def options_digest(options: ImportOptions) -> str:
    site = [language_codes(), settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.MEDIA_URL]
    return _sha(json.dumps([importer_digest(), repr(options), site]))


def source_identity(source: sources.SourceFile) -> str:
    """Which file, as far as reading it goes: its path, its root and its path under that root."""
    root = os.fsencode(os.path.abspath(source.root)) if source.root else b""
    # Bytes: a path need not be UTF-8 (a folder named in Latin-1 is still imported).
    parts = [
        os.fsencode(os.path.abspath(source.path)),
        root,
        source.relative.encode(),
        b"%d" % source.in_tree,
    ]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def file_digest(path: Path | str, max_bytes: int = sources.MAX_BYTES) -> str | None:
    try:
        return hashlib.sha256(sources.read_bytes(Path(path), max_bytes=max_bytes)).hexdigest()
    except sources.SourceError:
        return None


def image_digest(path: Path | str) -> str | None:
    """The sha256 of an image's bytes, however large: images have a pixel limit, not the text files' byte
    limit (`file_digest` would refuse a cover over 5 MB, and its post would never be skipped)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def stored_states(post_ids: list[int]) -> dict[int, tuple[str, str]]:
    """{post id: (source key, digest of the post as stored)}: its last save, series, links and old URLs, in
    five queries per 500 posts. The same function describes a post when it is recorded and when it is
    checked, so the two agree by construction."""
    states: dict[int, tuple[str, str]] = {}
    for ids in chunked(post_ids):
        described: dict[int, list] = {}
        keys = {}
        for pk, key, modified, series in Post.objects.filter(pk__in=ids).values_list(
            "pk", "source_key", "modified_at", "series_id"
        ):
            keys[pk] = key
            described[pk] = [modified.isoformat(), series, *([] for _ in LINKS), []]
        for position, name in enumerate(LINKS, start=2):
            manager = Post._meta.get_field(name)
            through = manager.remote_field.through
            source, target = manager.m2m_column_name(), manager.m2m_reverse_name()
            rows = through.objects.filter(**{f"{source}__in": ids}).values_list(source, target)
            for pk, other in rows:
                described[pk][position].append(other)
        for pk, *redirect in PostRedirect.objects.filter(post_id__in=ids).values_list(
            "post_id", "path", "language", "origin"
        ):
            described[pk][-1].append(redirect)
        for pk, parts in described.items():
            parts[2:] = [sorted(values) for values in parts[2:]]
            states[pk] = (keys[pk], _sha(json.dumps(parts)))
    return states


@dataclass
class StandIn:
    """What a skipped post's page still gives the run: its term names (`term_links`) and, as a ref/relref
    target, its Hugo path and URL (`refs`). It has no text of its own to resolve."""

    language: str
    categories: list[str]
    tags: list[str]
    series: list[str]
    path: ContentPath | None
    section: str
    hugo_url: str
    body: str = ""
    summary: str = ""


@dataclass
class Skipped:
    key: str
    files: list[tuple[sources.SourceFile, str]]  # (file, language)
    replay: dict = field(default_factory=dict)


class Previous:
    """What earlier imports recorded about the files found in this run, and which posts it can skip."""

    def __init__(self, skipped: dict[str, Skipped] | None = None):
        self.skipped = skipped or {}

    @classmethod
    def load(cls, found: list[sources.SourceFile], options: ImportOptions) -> Previous:
        if not ImportedFile.objects.exists():  # a first import: nothing to look up
            return cls()
        by_identity = {source_identity(source): source for source in found}
        by_post: dict[int, list] = {}
        for identities in chunked(list(by_identity)):
            for identity, content, language, post_id in ImportedFile.objects.filter(
                source__in=identities
            ).values_list("source", "content", "language", "post_id"):
                by_post.setdefault(post_id, []).append((by_identity[identity], content, language))
        digest = options_digest(options)
        candidates = {}
        for ids in chunked(list(by_post)):
            for post_id, files, state, replay in ImportedPost.objects.filter(
                post_id__in=ids, options=digest
            ).values_list("post_id", "files", "state", "replay"):
                if files == len(by_post[post_id]) and cls._same_bytes(by_post[post_id], replay, options):
                    candidates[post_id] = (state, replay)
        skipped = {}
        for post_id, (key, state) in stored_states(list(candidates)).items():
            recorded, replay = candidates[post_id]
            if state == recorded:
                files = [(source, language) for source, _content, language in by_post[post_id]]
                skipped[key] = Skipped(key, files, replay)
        return cls(skipped)

    @staticmethod
    def _same_bytes(files: list, replay: dict, options: ImportOptions) -> bool:
        if any(file_digest(source.path, options.max_bytes) != content for source, content, _code in files):
            return False
        return all(image_digest(path) == sha for path, sha in replay.get("images", {}).items())

    def skipped_sources(self) -> set[sources.SourceFile]:
        return {source for group in self.skipped.values() for source, _code in group.files}

    def unskip(self, pages: list[Page]) -> list[sources.SourceFile]:
        """The files of skipped posts that a page read in this run would join (a new or changed file
        naming their key): they are read after all, and those posts compared in full."""
        keys = {page_key(page) for page in pages if page.kind == "post"}
        back = [self.skipped.pop(key) for key in list(self.skipped) if key in keys]
        return [source for group in back for source, _code in group.files]

    def stand_ins(self, order: list[str]) -> list[Group]:
        groups = []
        for key, skipped in self.skipped.items():
            group = Group(key)
            for code in order:
                fields = dict(skipped.replay.get("pages", {}).get(code) or {})
                if fields:
                    path = ContentPath(**fields.pop("path")) if fields.get("path") else None
                    fields.pop("path", None)
                    group.pages[code] = StandIn(language=code, path=path, **fields)
            groups.append(group)
        return groups

    def report_lines(self) -> list[tuple[str, str]]:
        """(printable path, message) per skipped file, as a full comparison reports an unchanged post."""
        return [
            (sources.printable(source.path), f"post {key} [{code}]")
            for key, skipped in self.skipped.items()
            for source, code in skipped.files
        ]


def replay_of(group: Group, order: list[str]) -> dict | None:
    """What a later run needs of the group without reading it; None when it must be read every time."""
    languages = group.languages(order)
    pages = [group.pages[code] for code in languages]
    if any(page.warnings or page.refers or not page.content_hash for page in pages):
        return None
    images: dict[str, str] = {}
    for page in pages:
        for path in filter(None, [page.cover_file, *page.body_images.values()]):
            path = os.path.abspath(path)
            if path not in images:  # a cover shown in the body too is read once
                images[path] = image_digest(path)
    if None in images.values():
        return None
    lists = {attribute: group_lists(group, attribute, languages) for attribute in TAXONOMIES}
    return {
        "pages": {
            code: {
                **{attribute: lists[attribute][code] for attribute in TAXONOMIES},
                "path": dict(vars(page.path)) if page.path else None,  # its fields (asdict is slower)
                "section": page.section,
                "hugo_url": page.hugo_url,
            }
            for code, page in zip(languages, pages, strict=True)
        },
        "images": images,
    }


def record(
    written: list[tuple[Post, Group, list[str]]],
    options: ImportOptions,
    order: list[str],
    created=frozenset(),
) -> None:
    """After a batch was written (in its transaction): forget what was recorded for its posts (those it
    `created` have nothing recorded), and record those that can be skipped next time (no warnings, no
    references to other pages)."""
    ids = [post.pk for post, _group, _warnings in written if post.pk not in created]
    for chunk in chunked(ids):
        ImportedPost.objects.filter(post_id__in=chunk).delete()
    keep = {}
    for post, group, warnings in written:
        replay = None if warnings else replay_of(group, order)
        if replay is not None:
            keep[post.pk] = (group, replay)
    if not keep:
        return
    states = stored_states(list(keep))
    digest = options_digest(options)
    rows, files = [], []
    for pk, (group, replay) in keep.items():
        rows.append(ImportedPost(post_id=pk, options=digest, state=states[pk][1], files=0, replay=replay))
        for code, page in group.pages.items():
            files.append(
                ImportedFile(
                    source=source_identity(page.source), content=page.content_hash, language=code, post_id=pk
                )
            )
            rows[-1].files += 1
    for chunk in chunked([file.source for file in files]):  # a file that moved to another post
        ImportedFile.objects.filter(source__in=chunk).delete()
    ImportedPost.objects.bulk_create(rows, batch_size=IN_LIMIT)
    ImportedFile.objects.bulk_create(files, batch_size=IN_LIMIT)

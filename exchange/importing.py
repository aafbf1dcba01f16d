"""Import: a translated XLIFF or PO file back into the posts, as drafts of its language.

The file is checked whole before anything is written (`Refused` names the first problem: not XML, not
XLIFF 1.2, no units, a unit id that is not ours or names a post that does not exist, a unit without its
source fingerprint, another language than the one expected, another site). Then, in one transaction for
the whole file, post by post:

- a post whose target language is published or scheduled is *skipped*: an import never overwrites what
  readers see, nor a published text a person may have corrected since the export (unpublish the
  language, or translate at the desk); nor is the post's own source language written;
- a unit with an empty target (or a fuzzy PO entry) is ignored: the field keeps its text;
- a unit whose source fingerprint differs from the current source segment's (the source changed since the
  export, or the block is gone) is *flagged* and not applied;
- the body is reassembled from its blocks in order; a block without a usable translation keeps the current
  translation's block when that translation lines up with the source (as many blocks), otherwise the body
  is left as it was and the report says which blocks are missing;
- when anything changed, the language becomes a draft (`status_<lang>` = draft) and the post is saved in a
  django-reversion revision ("Translation imported from <file>"); the translation desk then records what
  the translation is made from (`translating.outdated.record_translation`), so it is not shown as
  outdated, unless a segment was flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from blog.models import Post
from blog.publishing import LanguageState, LanguageStatus, language_codes
from blog.slugs import first_free, slug_base, slug_taken, unique_slug
from exchange.exporting import site_key
from exchange.formats import IncomingFile, IncomingUnit, Refused, read_file
from exchange.segments import (
    BODY,
    WHOLE_FIELDS,
    join_blocks,
    normalise,
    parse_id,
    post_segments,
    split_blocks,
)
from translating.outdated import record_translation
from translating.services import revision

MAX_BYTES = 10 * 1024 * 1024
UNTOUCHABLE = (LanguageState.PUBLISHED, LanguageState.SCHEDULED)


@dataclass
class PostOutcome:
    post: Post
    applied: list[str] = field(default_factory=list)  # segment ids written
    flagged: list[str] = field(default_factory=list)  # source changed since the export: not applied
    empty: int = 0  # units left without a translation
    skipped: str = ""  # why the whole post was left alone
    problems: list[str] = field(default_factory=list)
    saved: bool = False


@dataclass
class ImportReport:
    language: str
    format: str
    posts: list[PostOutcome]

    @property
    def saved(self) -> list[PostOutcome]:
        return [outcome for outcome in self.posts if outcome.saved]


def check_file(incoming: IncomingFile, language: str | None) -> dict[int, list[IncomingUnit]]:
    """The units per post id, once the file is known to be this site's, in the expected language, and made
    of our ids and fingerprints only; `Refused` otherwise."""
    if incoming.site != site_key():
        raise Refused(
            _("The file was exported by another site (“%(file)s”); this site is “%(site)s”.")
            % {"file": incoming.site or "?", "site": site_key()}
        )
    target = incoming.target_language
    if target not in language_codes():
        raise Refused(
            _("The file is for the language “%(code)s”, which this site does not have.")
            % {"code": target or "?"}
        )
    if language and target != language:
        raise Refused(
            _("The file is for “%(file)s”, not “%(expected)s”.") % {"file": target, "expected": language}
        )
    by_post: dict[int, list[IncomingUnit]] = {}
    for unit in incoming.units:
        parsed = parse_id(unit.id)
        if parsed is None:
            raise Refused(
                _("Unknown unit id “%(id)s”: this site does not export such a unit.") % {"id": unit.id}
            )
        if not unit.fingerprint:
            raise Refused(_("The unit “%(id)s” has lost its source fingerprint.") % {"id": unit.id})
        by_post.setdefault(parsed[0], []).append(unit)
    existing = set(Post.objects.filter(pk__in=by_post).values_list("pk", flat=True))
    for post_id, units in by_post.items():
        if post_id not in existing:
            raise Refused(
                _("Unknown unit id “%(id)s”: there is no post %(pk)s.") % {"id": units[0].id, "pk": post_id}
            )
    return by_post


def translations_import(
    *, data: bytes, filename: str = "", language: str | None = None, user=None
) -> ImportReport:
    """Read a translated file and write its translations as drafts (see the module's docstring)."""
    if len(data) > MAX_BYTES:
        raise Refused(_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)})
    incoming = read_file(data, filename=filename)
    by_post = check_file(incoming, language)
    target = incoming.target_language
    posts = Post.objects.in_bulk(list(by_post))
    outcomes = []
    with transaction.atomic():
        for post_id, units in by_post.items():
            outcomes.append(_import_post(posts[post_id], units, target, user=user, filename=filename))
    return ImportReport(target, incoming.format, outcomes)


def _import_post(post: Post, units: list[IncomingUnit], language: str, *, user, filename: str) -> PostOutcome:
    outcome = PostOutcome(post)
    source = post.source_language_code()
    if language == source:
        outcome.skipped = _("%(language)s is this post's source language.") % {"language": language}
        return outcome
    if post.language_state(language) in UNTOUCHABLE:
        outcome.skipped = _("%(language)s is published; unpublish it or use the translation desk.") % {
            "language": language
        }
        return outcome
    current = {segment.id: segment for segment in post_segments(post, source)}
    accepted: dict[str, str] = {}
    for unit in units:
        segment = current.get(unit.id)
        if not unit.target.strip():
            outcome.empty += 1
        elif segment is None or segment.fingerprint != unit.fingerprint:
            outcome.flagged.append(unit.id)
        else:
            accepted[unit.id] = normalise(unit.target).strip()
    values = _new_values(post, language, list(current.values()), accepted, outcome)
    changed = {name: value for name, value in values.items() if post.translated(name, language) != value}
    if changed:
        _write(
            post,
            language,
            changed,
            user=user,
            comment=_("Translation imported from %(file)s") % {"file": filename or "a file"},
        )
        outcome.saved = True
        _tell_the_desk(post, language, user, outcome, len(current))
    return outcome


def _new_values(post, language, segments, accepted, outcome) -> dict[str, str]:
    values = {}
    for segment in segments:
        if segment.field in WHOLE_FIELDS and segment.id in accepted:
            text = accepted[segment.id]
            limit = Post._meta.get_field(f"{segment.field}_{language}").max_length
            if limit and len(text) > limit:
                outcome.problems.append(
                    _("%(id)s is longer than %(limit)d characters: not applied.")
                    % {"id": segment.id, "limit": limit}
                )
                continue
            values[segment.field] = slug_base(text) if segment.field == "slug" else text
            outcome.applied.append(segment.id)
    blocks = [segment for segment in segments if segment.field == BODY]
    if any(segment.id in accepted for segment in blocks):
        body = _reassembled_body(post.translated(BODY, language), blocks, accepted, outcome)
        if body is not None:
            values[BODY] = body
    return values


def _reassembled_body(existing_body, blocks, accepted, outcome) -> str | None:
    existing = split_blocks(existing_body)
    lined_up = len(existing) == len(blocks)
    parts, gaps = [], []
    for segment in blocks:
        if segment.id in accepted:
            parts.append(accepted[segment.id])
        elif lined_up:
            parts.append(existing[segment.number - 1])
        else:
            gaps.append(str(segment.number))
    if gaps:
        outcome.problems.append(
            _(
                "The body was not applied: blocks %(numbers)s have no usable translation and the current "
                "translation (%(existing)d blocks for %(source)d) cannot fill them."
            )
            % {"numbers": ", ".join(gaps), "existing": len(existing), "source": len(blocks)}
        )
        return None
    outcome.applied.extend(segment.id for segment in blocks if segment.id in accepted)
    return join_blocks(parts)


def _slug(post: Post, language: str, changed: dict[str, str]) -> str | None:
    """The slug to store: a translated slug made valid and free, else one from a new title when the
    language has none yet; None to leave the slug as it is."""
    where = {"language": language, "section": post.section, "date": post.date, "pk": post.pk}
    if "slug" in changed:
        return first_free(changed["slug"], lambda slug: slug_taken(slug, **where))
    if "title" in changed and not post.translated("slug", language):
        return unique_slug(changed["title"], **where)
    return None


def _write(post: Post, language: str, changed: dict[str, str], *, user, comment: str) -> None:
    slug = _slug(post, language, changed)
    for name, value in changed.items():
        setattr(post, f"{name}_{language}", value)
    if slug is not None:
        setattr(post, f"slug_{language}", slug)
    post.set_language_status(language, LanguageStatus.DRAFT)
    with revision(user, comment):
        post.save()


def _tell_the_desk(post: Post, language: str, user, outcome: PostOutcome, segments: int) -> None:
    """Record what the imported translation is made from, so the translation desk does not show it as
    outdated: every applied segment matched the current source. Not when a segment was flagged (that part
    lags behind the source); "brought up to date" only when the file covered every segment."""
    if outcome.flagged or not post.has_content_in(language):
        return
    complete = len(outcome.applied) == segments and not outcome.problems
    record_translation(post, language, user, updated=complete)

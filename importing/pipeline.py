"""The whole import as one function: paths in, a report out (counts, one line per file, warnings,
failures). The management command only parses options and prints this report.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from django.db import transaction

from blog import search_documents
from blog.models import Post, language_codes
from blog.signals import import_finished, posts_saved, saved_in_batch
from importing import grouping, hugo, language, ledger, reading, refs, sources, term_links, unchanged, writer
from importing import site as static_site
from importing.catalog import Catalog
from importing.pages import ImportOptions, Page, PageError, PageSkipped

BATCH = 100


class ProgressBar(Protocol):
    """What the command's progress bar (tqdm) offers the pipeline."""

    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


@dataclass
class FileLine:
    path: str
    status: str  # created / updated / unchanged / skipped / failed
    message: str = ""


@dataclass
class ImportReport:
    dry_run: bool = False
    counts: dict = field(
        default_factory=lambda: dict.fromkeys(("created", "updated", "unchanged", "skipped", "failed"), 0)
    )
    lines: list[FileLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def failures(self) -> list[FileLine]:
        return [line for line in self.lines if line.status == "failed"]

    def summary(self) -> str:
        c = self.counts
        prefix = "Dry run (nothing written): would have " if self.dry_run else ""
        return (
            f"{prefix}{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['skipped']} skipped, {len(self.warnings)} warnings, {c['failed']} failed "
            f"({self.files} files)"
        )


def import_paths(
    paths: list[Path],
    *,
    options: ImportOptions,
    dry_run: bool = False,
    progress: Callable[[int, str], ProgressBar | None] | None = None,
    jobs: int | None = None,
) -> ImportReport:
    """`jobs`: processes that read files (None: one per core for a large run; see `importing.reading`)."""
    report = ImportReport(dry_run=dry_run)
    if options.site is not None:  # configuration files or values that were ignored
        report.warnings += list(options.site.warnings)
    found, refused = sources.discover(paths)
    for path, reason in refused:
        _fail(report, path, reason)
    report.files = len(found) + len(refused)
    # Posts whose files did not change since they were imported are not read again (importing.unchanged).
    previous = unchanged.Previous.load(found, options)
    pages = _read_pages(_unskipped(found, previous.skipped_sources()), options, report, progress, jobs)
    again = previous.unskip(pages)  # a new or changed file joins an unchanged post: read it all after all
    if again:
        pages += _read_pages(again, options, report, progress)
        position = {source: n for n, source in enumerate(found)}
        pages.sort(key=lambda page: position[page.source])  # grouping keeps the first of two claimants

    default = language.site_code(options.site.default_language if options.site else options.default_lang)
    order = grouping.language_order(default, language_codes())
    groups, dropped = grouping.group_pages([p for p in pages if p.kind == "post"], previous.skipped.keys())
    # What the unchanged posts' files said, where the others need it: term names and ref targets.
    stand_ins = previous.stand_ins(order) if groups or any(p.refers for p in pages) else []
    # Which names are one term across languages is decided over the whole run (and the terms' own pages).
    term_links.link_groups(groups + stand_ins, order, pages)
    for page in pages:
        if page.kind == "term":
            report.counts["skipped"] += 1
            report.lines.append(FileLine(page.display, "skipped", "term page: names its term, no post"))
    _skip_dropped(report, dropped)
    # Every page is known now, so ref/relref shortcodes can name their targets' URLs.
    statics = [p for p in pages if p.kind == "page"]
    report.warnings += refs.resolve_refs(groups + stand_ins, statics, site=options.site)
    # On PostgreSQL the search documents of each committed batch are parsed on a second connection meanwhile.
    documents = nullcontext() if dry_run else search_documents.deferred()
    with ledger.recording(enabled=not dry_run) as swept, documents:
        if swept:
            report.warnings.append(
                f"{swept} media file(s) left by an interrupted earlier import (used by no row) were deleted"
            )
        authors = [p for p in pages if p.kind == "author"]
        # Every term, author and post slug, read once: not needed when every post is unchanged.
        catalog = Catalog(order) if groups or authors or statics else None
        _write_authors(authors, report, catalog, order, dry_run)
        for path, message in previous.report_lines():
            report.lines.append(FileLine(path, "unchanged", message))
        report.counts["unchanged"] += len(previous.skipped)
        _write_groups(groups, report, catalog, order, dry_run, progress, options=options)
        _write_site(options.site, statics, report, catalog, order, dry_run)
    if not dry_run:
        import_finished.send(sender=Post, summary=report)
    return report


def _unskipped(found: list[sources.SourceFile], skipped: set) -> list[sources.SourceFile]:
    return [source for source in found if source not in skipped] if skipped else found


def _read_pages(found, options: ImportOptions, report: ImportReport, progress, jobs=None) -> list[Page]:
    """Load every file into a Page; a skipped or failed file gets its one line in the report."""
    pages: list[Page] = []
    bar = progress(len(found), "Reading") if progress else None
    for source, outcome in reading.load_pages(found, options, jobs):
        if bar is not None:
            bar.update(1)
        where = sources.printable(source.path)
        if isinstance(outcome, PageSkipped):
            report.counts["skipped"] += 1
            report.lines.append(FileLine(where, "skipped", str(outcome)))
        elif isinstance(outcome, PageError):
            _fail(report, where, str(outcome))
        elif isinstance(outcome, reading.UnexpectedError):  # one line per file, never a traceback
            _fail(report, where, f"unexpected error: {outcome}")
        else:
            report.warnings += [f"{outcome.display}: {warning}" for warning in outcome.warnings]
            pages.append(outcome)
    if bar is not None:
        bar.close()
    return pages


def _write_authors(pages: list[Page], report: ImportReport, catalog, order: list[str], dry_run: bool) -> None:
    """Author pages, one Author per slug with its languages side by side, each in its own transaction."""
    authors, dropped = grouping.group_by(pages, key=lambda page: page.author_slug)
    _skip_dropped(report, dropped)
    for author in authors:
        write = partial(writer.write_author_pages, author.key, author.pages, catalog=catalog, order=order)
        mark = ledger.mark()
        _record(report, list(author.pages.values()), f"author {author.key}", catalog, dry_run, write)
        ledger.keep_on_commit(mark)


def _write_site(
    site, pages: list[Page], report: ImportReport, catalog, order: list[str], dry_run: bool
) -> None:
    """A Hugo site's static pages (one `pages.Page` per group, each in its own transaction), then its name
    and menus (one line each, under the site's folder)."""
    groups, dropped = grouping.group_by(pages, key=static_site.page_key)
    _skip_dropped(report, dropped)
    for group in groups:
        write = partial(static_site.write_static_page, group, catalog=catalog, order=order)
        mark = ledger.mark()
        _record(report, list(group.pages.values()), f"page {group.key}", catalog, dry_run, write)
        ledger.keep_on_commit(mark)
    if site is None:
        return
    where = sources.printable(site.root)
    try:
        outcomes = static_site.write_site_settings(site, dry_run=dry_run)
    except Exception as error:  # noqa: BLE001 - one line, never a traceback
        _fail(report, where, f"site name and menus not written: {type(error).__name__}: {error}")
        return
    for outcome in outcomes:
        report.counts[outcome.status] += 1
        report.lines.append(FileLine(where, outcome.status, outcome.label))
        report.warnings += [f"{where}: {warning}" for warning in outcome.warnings]


def _skip_dropped(report: ImportReport, dropped: list[grouping.Dropped]) -> None:
    for loser in dropped:
        report.counts["skipped"] += 1
        report.lines.append(FileLine(loser.page.display, "skipped", loser.reason))


def _write_groups(
    groups: list, report: ImportReport, catalog, order: list[str], dry_run: bool, progress, *, options
) -> None:
    # Groups are written in batches committed together (one disk sync per batch on SQLite), with the
    # batch's tag/category/author links inserted in one query per table at its end; a batch commits as a
    # whole, so no post is ever visible without its links. Fast path: no savepoint per group. If anything
    # in the batch fails, the batch is undone and written again carefully, each group in its own savepoint,
    # so a bad group costs only itself. A dry run always goes the careful way (each group is rolled back).
    bar = progress(len(groups), "Writing") if progress else None
    for start in range(0, len(groups), BATCH):
        batch = groups[start : start + BATCH]
        for careful in (True,) if dry_run else (False, True):
            mark = ledger.mark()
            try:
                outcome = _write_batch(
                    batch, catalog=catalog, order=order, dry_run=dry_run, careful=careful, options=options
                )
            except Exception as error:  # noqa: BLE001 - the batch was rolled back as a whole
                ledger.undo(mark)  # the files its posts had stored
                catalog = Catalog(order)  # it may name rows that were rolled back
                if careful:  # e.g. a term deleted meanwhile made the commit fail
                    for group in batch:
                        cause = f"post {group.key} not written (batch rolled back): {error}"
                        _fail_files(report, group.pages.values(), cause)
                continue
            _merge(report, outcome)
            break
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()


def _write_batch(
    batch, *, catalog, order: list[str], dry_run: bool, careful: bool, options: ImportOptions
) -> ImportReport:
    """Write a batch of groups in one transaction; its outcome, to merge once it has committed."""
    stored = writer.existing_posts([group.key for group in batch])
    links: list | None = None if dry_run else []
    outcome = ImportReport(dry_run=dry_run)
    saved: dict[str, list] = {"created": [], "updated": []}
    written = []  # (post, group, warnings) of every group written
    # Fast path: the batch's new posts are inserted together once every group is prepared.
    created: list | None = None if careful or dry_run else []
    done = []
    mark = ledger.mark()
    # Post saves announce themselves once for the batch (`posts_saved`), naming only the posts written.
    with transaction.atomic(), saved_in_batch():
        for group in batch:
            write = partial(
                writer.write_post_group,
                group,
                catalog=catalog,
                order=order,
                existing=stored.get(group.key),
                links=links,
                savepoint=careful,
                created=created,
            )
            pages, label = list(group.pages.values()), f"post {group.key}"
            if careful:
                result = _record(outcome, pages, label, catalog, dry_run, write)
            else:
                result = write(dry_run=dry_run)
                _remember(catalog, result, dry_run)
                done.append((pages, label, result))
            if result is not None:
                written.append((group, result))
        if created:
            writer.insert_created(created)
            for result in created:
                catalog.remember(result.post)  # now known by its primary key
        for pages, label, result in done:
            _add_result(outcome, pages, label, catalog, dry_run, result, remember=False)
        for _group, result in written:
            if result.status in saved:
                saved[result.status].append(result.post)
        if links:
            writer.insert_links(links)
        if not dry_run:
            posts_saved.send(sender=Post, **saved)
            new = {post.pk for post in saved["created"]}
            unchanged.record([(r.post, group, r.warnings) for group, r in written], options, order, new)
        ledger.keep_on_commit(mark)
    return outcome


def _record(report, pages: list[Page], label: str, catalog, dry_run: bool, write):
    """The write's result, added to the report; None (and a failed line per file) if it raised."""
    mark = ledger.mark()
    try:
        result = write(dry_run=dry_run)
    except Exception as error:  # noqa: BLE001 - the group is rolled back; report it and go on
        ledger.undo(mark)  # the files it had stored; other groups must store them again if they need them
        catalog.body_images.clear()
        _fail_files(report, pages, f"{label} not written: {type(error).__name__}: {error}")
        return None
    return _add_result(report, pages, label, catalog, dry_run, result)


def _add_result(report, pages: list[Page], label: str, catalog, dry_run: bool, result, remember=True):
    report.counts[result.status] += 1
    report.warnings += [f"{label}: {warning}" for warning in result.warnings]
    for page in pages:
        report.lines.append(FileLine(page.display, result.status, f"{label} [{page.language}]"))
    if remember:
        _remember(catalog, result, dry_run)
    return result


def _remember(catalog, result, dry_run: bool) -> None:
    """What the group wrote joins the catalog, before the next group chooses its slugs and terms."""
    if not dry_run:
        for obj in result.catalog_updates:
            catalog.remember(obj)


def _merge(report: ImportReport, outcome: ImportReport) -> None:
    for status, count in outcome.counts.items():
        report.counts[status] += count
    report.lines += outcome.lines
    report.warnings += outcome.warnings


def _fail(report: ImportReport, path: str, cause: str) -> None:
    report.counts["failed"] += 1
    report.lines.append(FileLine(path, "failed", cause))


def _fail_files(report: ImportReport, pages, cause: str) -> None:
    """Every file of a group that could not be written fails, each with its own line."""
    for page in pages:
        _fail(report, page.display, cause)


def site_options(site_dir: Path, **overrides) -> ImportOptions:
    site = hugo.load_site(site_dir)
    return ImportOptions(site=site, default_lang=site.default_language, **overrides)

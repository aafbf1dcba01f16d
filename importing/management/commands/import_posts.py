"""`manage.py import_posts PATH [PATH ...]` / `--hugo-site DIR`: a thin shell over
`importing.pipeline.import_paths` (options in, report out)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from blog.models import language_codes
from importing.hugo import HugoConfigError
from importing.pages import ImportOptions
from importing.pipeline import ImportReport, import_paths, site_options
from importing.sources import MAX_BYTES

PROGRESS_MIN_FILES = 50


class Command(BaseCommand):
    help = "Import Hugo/Markdown posts (loose files, a content/ tree, or a whole Hugo site). Safe to repeat."
    # The system checks (URL resolvers of three languages, models, templates) cost ~0.4 s per run and check
    # nothing an import depends on; `migrate`, `check` and the server run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        languages = language_codes()
        parser.add_argument("paths", nargs="*", type=Path, help="Files and folders (recursive).")
        parser.add_argument("--hugo-site", type=Path, help="A Hugo site root: config, content/ and static/.")
        parser.add_argument("--static-root", type=Path, help="Folder that `images: [/…]` paths start in.")
        parser.add_argument("--lang", choices=languages, help="Language of files that do not say theirs.")
        parser.add_argument(
            "--default-lang",
            choices=languages,
            default=settings.LANGUAGE_CODE,
            help="Language when detection is not confident (default: %(default)s).",
        )
        parser.add_argument("--section", default="blog", help="Section of loose files (default: blog).")
        parser.add_argument("--max-bytes", type=int, default=MAX_BYTES, help="Largest file accepted.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="Processes that read files (default: one per core on large imports; 1: this one only).",
        )

    def handle(self, *args, **options):
        # What Django's start made lives as long as the process: out of the collector's sight, the import's
        # full collections stop scanning it again and again.
        gc.freeze()
        paths, import_options = self._request(options)
        report = import_paths(
            paths,
            options=import_options,
            dry_run=options["dry_run"],
            progress=self._progress_bar(),
            jobs=options["jobs"],
        )
        # The import is over and the process is about to end: spare the collection at exit a scan of
        # everything still alive (the command's files and connections are closed by then).
        gc.freeze()
        self._print_report(report, options["verbosity"])
        if report.counts["failed"]:
            raise CommandError(f"{report.counts['failed']} file(s) failed; the others were imported.")

    def _request(self, options) -> tuple[list[Path], ImportOptions]:
        """The paths to read and the import options, from the command's options."""
        # call_command() passes keyword options unconverted: make every path a Path here.
        paths: list[Path] = [Path(path) for path in options["paths"]]
        static_root = Path(options["static_root"]) if options["static_root"] else None
        common = {
            "lang": options["lang"],
            "static_root": static_root,
            "section": options["section"],
            "max_bytes": options["max_bytes"],
        }
        if options["hugo_site"]:
            try:
                import_options = site_options(Path(options["hugo_site"]), **common)
            except HugoConfigError as error:
                raise CommandError(str(error)) from error
            paths += [folder for folder in import_options.site.content_roots() if folder.is_dir()]
        else:
            import_options = ImportOptions(default_lang=options["default_lang"], **common)
        if not paths:
            raise CommandError("Give at least one PATH or --hugo-site DIR.")
        return paths, import_options

    def _print_report(self, report: ImportReport, verbosity: int) -> None:
        """Failures always; skipped files and warnings from verbosity 1; every file from 2; the summary."""
        for line in report.lines:
            if line.status == "failed":
                self.stderr.write(self.style.ERROR(f"{line.path}: {line.message}"))
            elif line.status == "skipped" and verbosity >= 1:
                self.stdout.write(self.style.WARNING(f"{line.path}: skipped: {line.message}"))
            elif verbosity >= 2:
                self.stdout.write(f"{line.path}: {line.status}: {line.message}")
        if verbosity >= 1:
            for warning in report.warnings:
                self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        style = self.style.ERROR if report.counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(report.summary()))

    def _progress_bar(self):
        """A tqdm bar on long runs, only when attached to a terminal."""
        stream = getattr(self.stdout, "_out", sys.stdout)
        if not (hasattr(stream, "isatty") and stream.isatty()):
            return None
        from tqdm import tqdm

        def bar(total: int, description: str):
            if total < PROGRESS_MIN_FILES:
                return None
            return tqdm(total=total, desc=description, unit="item", file=sys.stderr, leave=False)

        return bar

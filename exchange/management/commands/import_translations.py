"""`manage.py import_translations FILE [--language pt]`: a thin shell over
`exchange.importing.translations_import`; one line per post, a refused file is an error."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from exchange.formats import Refused
from exchange.importing import translations_import


class Command(BaseCommand):
    help = "Import a translated XLIFF 1.2 or PO file: filled segments become drafts of its language."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="refuse the file unless it is for this language",
        )

    def handle(self, *args, file, language, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror or error}") from error
        try:
            report = translations_import(data=data, filename=file.name, language=language)
        except Refused as problem:
            raise CommandError(f"{file}: {problem}") from problem
        for outcome in report.posts:
            line = f"post {outcome.post.pk} “{outcome.post}”: "
            if outcome.skipped:
                self.stdout.write(self.style.WARNING(line + f"skipped: {outcome.skipped}"))
                continue
            line += f"{len(outcome.applied)} applied, {len(outcome.flagged)} flagged, {outcome.empty} empty"
            if outcome.flagged:
                line += f" (source changed since the export: {', '.join(outcome.flagged)})"
            style = self.style.WARNING if outcome.flagged or outcome.problems else self.style.SUCCESS
            self.stdout.write(style(line))
            for problem in outcome.problems:
                self.stdout.write(self.style.WARNING(f"  {problem}"))
        self.stdout.write(f"{len(report.saved)} posts now have a {report.language} draft from {file.name}")

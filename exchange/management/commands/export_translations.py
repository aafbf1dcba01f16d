"""`manage.py export_translations --language pt --format xliff [IDS… | --all-missing] -o FILE`: a thin
shell over `exchange.exporting.translations_export`."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from blog.models import Post
from exchange.exporting import posts_missing, translations_export
from exchange.formats import FORMATS, XLIFF


class Command(BaseCommand):
    help = "Write posts as one XLIFF 1.2 or PO file for translators into LANGUAGE."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="the posts' ids")
        parser.add_argument("--language", required=True, choices=[code for code, _name in settings.LANGUAGES])
        parser.add_argument("--format", dest="file_format", choices=sorted(FORMATS), default=XLIFF)
        parser.add_argument(
            "--all-missing", action="store_true", help="every post with text elsewhere but none in LANGUAGE"
        )
        parser.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")

    def handle(self, *args, ids, language, file_format, all_missing, output, **options):
        if bool(ids) == all_missing:
            raise CommandError("Name the posts' ids, or give --all-missing (not both).")
        posts = posts_missing(language) if all_missing else Post.objects.filter(pk__in=ids).order_by("pk")
        unknown = sorted(set(ids) - {post.pk for post in posts})
        if unknown:
            raise CommandError(f"No post with id {', '.join(map(str, unknown))}.")
        export = translations_export(posts=list(posts), language=language, file_format=file_format)
        for post in export.skipped:
            self.stderr.write(
                self.style.WARNING(f"skipped post {post.pk} “{post}”: nothing to translate into {language}")
            )
        if not export.posts:
            raise CommandError(f"Nothing to translate into {language}.")
        if output:
            output.write_bytes(export.content)
            self.stdout.write(self.style.SUCCESS(f"{len(export.posts)} posts written to {output}"))
        else:
            self.stdout.write(export.content.decode(), ending="")

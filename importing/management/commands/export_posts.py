"""`manage.py export_posts DIR`: a thin shell over `importing.exporting.export_posts`."""

from pathlib import Path

from django.core.management import BaseCommand

from importing.exporting import export_posts


class Command(BaseCommand):
    help = "Write every post back as a Hugo content tree (section/slug.LANG.md) under DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory, **options):
        written = export_posts(Path(directory))
        self.stdout.write(self.style.SUCCESS(f"{written} files written to {directory}"))

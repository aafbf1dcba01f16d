"""`manage.py load_samples`: the sample content `make run` starts with (posts from fixtures/content)."""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Import the sample posts in fixtures/content (and the sample events). Safe to repeat."

    def handle(self, *args, **options):
        call_command("import_posts", str(FIXTURES / "content"), verbosity=options["verbosity"])
        # The events the sample posts describe, linked to them (an events command: blog never imports events).
        call_command("load_sample_events", verbosity=options["verbosity"])

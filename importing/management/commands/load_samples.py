"""`manage.py load_samples`: the sample content `make run` starts with (posts from fixtures/content).

`make run` calls it on every start, so it loads only into a site without posts: re-importing the samples
over a running site would undo what editors changed in the admin. `--force` re-imports anyway.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from blog.models import Post

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Import the sample posts in fixtures/content and the sample events, into a site without posts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Import even when the site has posts.")

    def handle(self, *args, **options):
        if Post.objects.exists() and not options["force"]:
            self.stdout.write("The site has posts already: samples not loaded (--force reloads them).")
            return
        call_command("import_posts", str(FIXTURES / "content"), verbosity=options["verbosity"])
        # The events the sample posts describe, linked to them (an events command: blog never imports events).
        call_command("load_sample_events", verbosity=options["verbosity"])

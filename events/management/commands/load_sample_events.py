"""`manage.py load_sample_events`: the events the sample posts describe, linked to them. Safe to repeat.

Events come from fixtures/events.json (named by slug, so a second load updates them). Imported posts have no
stable primary keys, and the sample files are user data we do not edit, so each sample event is linked to the
posts whose title (in any language) contains a phrase that names it.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db.models import Q

from blog.models import Post
from events.models import Event

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "events.json"
SAMPLE_POST_TITLES = {
    "kcd-colombia-2025": "KCD Colombia 2025",
    "openinfra-days-north-america-2025": "OpenInfraDays NA",
}


def posts_titled(phrase: str):
    query = Q()
    for code, _name in settings.LANGUAGES:
        query |= Q(**{f"title_{code}__icontains": phrase})
    return Post.objects.filter(query)


def link_sample_posts() -> dict[str, int]:
    """Link each sample event to its posts; returns how many posts each event has now."""
    linked = {}
    for slug, phrase in SAMPLE_POST_TITLES.items():
        event = Event.objects.filter(slug=slug).first()
        if event is None:
            continue
        event.posts.add(*posts_titled(phrase))
        linked[slug] = event.posts.count()
    return linked


class Command(BaseCommand):
    help = "Load fixtures/events.json and link the sample events to the sample posts. Safe to repeat."

    def handle(self, *args, **options):
        call_command("loaddata", str(FIXTURE), verbosity=options["verbosity"])
        for slug, count in link_sample_posts().items():
            style = self.style.SUCCESS if count else self.style.WARNING
            self.stdout.write(style(f"{slug}: {count} linked post(s)"))

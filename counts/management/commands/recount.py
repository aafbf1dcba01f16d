"""`manage.py recount`: count every post afresh into the kept counts (`counts.tally.rebuild`).

Every write through the ORM keeps the counts in step by itself; this is for loads that bypass it (COPY,
raw SQL) or a database restored from elsewhere. Safe while the site runs: writers wait for it.
"""

from django.core.management.base import BaseCommand

from counts.tally import rebuild


class Command(BaseCommand):
    help = "Count every post afresh into the kept listing counts (after a bulk load that bypassed the ORM)."

    def handle(self, *args, **options):
        posts = rebuild()
        self.stdout.write(f"{posts} posts counted")

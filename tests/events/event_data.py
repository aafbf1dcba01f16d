"""Events for the tests: one made with the fields a test names, its name in Spanish unless given."""

from datetime import datetime

from events.models import Event
from tests.factories import PUBLISHED


def make_event(slug: str, starts_at: datetime | None = None, **fields) -> Event:
    names = {
        f"name_{code}": fields.pop(f"name_{code}") for code in ("es", "pt", "en") if f"name_{code}" in fields
    }
    return Event.objects.create(
        **PUBLISHED, slug=slug, starts_at=starts_at, **(names or {"name_es": slug}), **fields
    )

"""What needs attention, on the admin's home page: a list of providers any app can add to.

A provider is a function `provider(request) -> list[Attention]`; register it once, from an AppConfig's
`ready()`: `backoffice.attention.register(my_provider)`. The dashboard shows each non-empty item with its
count, linking to the list that shows those objects. Drafts and scheduled posts, events and pages come
from `backoffice.publishing`; outdated translations and comments to moderate are added by their apps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attention:
    group: str  # the heading it is listed under ("Drafts", "Scheduled", "Comments to moderate")
    label: str  # what is counted ("Posts · es")
    count: int
    url: str  # the admin list showing them


Provider = Callable[..., list[Attention]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (usable as a decorator); registering one twice keeps it once."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> list[Provider]:
    return list(_providers)


def collect(request) -> dict[str, list[Attention]]:
    """Every provider's non-empty items, grouped by heading in registration order. A provider that fails
    is logged and left out: the admin's home page never breaks because of one."""
    groups: dict[str, list[Attention]] = {}
    for provider in _providers:
        try:
            items = provider(request)
        except Exception:  # noqa: BLE001 - one provider's bug must not take the admin's home page down
            logger.exception("attention provider %r failed", provider)
            continue
        for item in items:
            if item.count:
                groups.setdefault(item.group, []).append(item)
    return groups

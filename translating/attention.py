"""The dashboard's "Outdated translations": per model and language, how many translations lag behind their
published source, linking to the grid filtered to them (one aggregate query per model)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext

from backoffice.attention import Attention
from translating.grid import OUTDATED, content, outdated_ids
from translating.sources import kinds


def outdated_translations(request) -> list[Attention]:
    items = []
    grid_url = reverse("admin:translating_grid")
    for kind in kinds().values():
        opts = kind.model._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            continue
        counts = kind.model.objects.aggregate(
            **{
                code: Count("pk", filter=content(kind, code) & Q(pk__in=outdated_ids(kind, code)))
                for code, _name in settings.LANGUAGES
            }
        )
        for code, count in counts.items():
            items.append(
                Attention(
                    group=gettext("Outdated translations"),
                    label=f"{opts.verbose_name_plural.capitalize()} · {code}",
                    count=count,
                    url=f"{grid_url}?kind={kind.key}&language={code}&state={OUTDATED}",
                )
            )
    return items

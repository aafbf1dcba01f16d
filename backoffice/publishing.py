"""The dashboard's drafts and scheduled items: per model and language, how many posts, pages and events
are drafts (or in review) and how many are scheduled, linking to the admin list filtered by that state
(`blog.publishing_admin`)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from backoffice.attention import Attention
from blog.models import Post
from blog.publishing import LanguageState
from blog.publishing_admin import LanguageStateFilter, state_q
from events.models import Event
from pages.models import Page

MODELS = (Post, Page, Event)
STATES = (LanguageState.DRAFT, LanguageState.REVIEW, LanguageState.SCHEDULED)


def drafts_and_scheduled(request) -> list[Attention]:
    """One aggregate query per model for every language and state."""
    items = []
    for model in MODELS:
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        counts = model.objects.aggregate(
            **{
                f"{code}:{state}": Count("pk", filter=state_q(model, code, state))
                for code, _name in settings.LANGUAGES
                for state in STATES
            }
        )
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        for key, count in counts.items():
            code, state = key.split(":")
            items.append(
                Attention(
                    group=str(LanguageState(state).label),
                    label=f"{opts.verbose_name_plural.capitalize()} · {code}",
                    count=count,
                    url=f"{changelist}?{LanguageStateFilter.parameter_name}={key}",
                )
            )
    return items

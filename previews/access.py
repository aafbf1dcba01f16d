"""Who sees what readers do not see yet, and how such a page is marked.

A language of a post, page or event that has content but is a draft, in review or scheduled is a 404 for
readers. Staff who may change the model see it at its real address, with a banner saying its state
(`PreviewMixin` for detail views, `may_preview` for the rest); anyone holding a share link sees it at the
link's address (`previews.sharing`). Either way the page is a *preview*:

- it never meets the shared caches: the page cache skips requests with a session cookie and the
  `/preview/` links, and `content_cache_bypassed` (ops) makes every content-derived value (rows, counts,
  card fragments, `{% cache %}` blocks) computed afresh, neither read nor written;
- its response says `Cache-Control: private, no-store` (so neither a proxy nor the browser keeps it) and
  `X-Robots-Tag: noindex`, and its page carries `<meta name="robots" content="noindex, nofollow">`.

Feeds, sitemaps, search and listings never show such languages: they filter on the published querysets,
which previews do not touch. Deciding costs anonymous readers nothing: without a session cookie the session
(and `request.user`) is never read, so public pages keep no `Vary: Cookie`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext

from blog.publishing import LanguageState
from ops.generation import content_cache_bypassed

ROBOTS = "noindex, nofollow"


def may_preview(request, model) -> bool:
    """The request comes from active staff who may change `model` (and so see its unpublished languages)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # a reader: decided without touching the session
    user = getattr(request, "user", None)
    if user is None or not (user.is_active and user.is_staff):
        return False
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


@dataclass(frozen=True)
class Preview:
    """An item shown in a language readers do not see (yet)."""

    state: str
    goes_live_at: datetime | None = None
    shared: bool = False  # through a share link rather than a staff session
    edit_url: str = ""  # the item's admin form, for staff

    @property
    def state_label(self) -> str:
        """`Draft`, `In review` or `Scheduled for 3 December 2026 10:00`, in the active language."""
        if self.state == LanguageState.SCHEDULED and self.goes_live_at:
            when = date_format(timezone.localtime(self.goes_live_at), "DATETIME_FORMAT")
            return gettext("Scheduled for %(date)s") % {"date": when}
        if self.state == LanguageState.PUBLISHED:  # hidden by a rule of the model's own (an imported event)
            return gettext("Published, not shown to readers yet")
        return str(LanguageState(self.state).label)


def preview_of(item, language: str, *, shared: bool = False, public: bool | None = None) -> Preview | None:
    """The preview of `item` in `language`, or None: when readers see it there (no preview needed) or it
    has no content there (nothing to show). `public` overrides the per-language rule for models whose
    readers' queryset adds conditions of its own (events)."""
    state = item.language_state(language)
    if state == LanguageState.MISSING:
        return None
    visible = state == LanguageState.PUBLISHED if public is None else public
    if visible:
        return None
    meta = item._meta
    edit_url = "" if shared else reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk])
    return Preview(state=state, goes_live_at=item.goes_live_at(language), shared=shared, edit_url=edit_url)


def preview_context(preview: Preview | None) -> dict:
    """What base.html and includes/meta.html read: the banner and the robots directive."""
    return {"preview": preview, "meta_robots": ROBOTS} if preview else {}


def mark_private(response):
    """Never stored by a proxy, the page cache or the browser; never indexed."""
    # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private (and an Expires in the past).
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = ROBOTS
    return response


def render_uncached(view, request, *args, **kwargs):
    """`view`'s response rendered with the content caches bypassed (templates included: a
    TemplateResponse renders after the view returns, so it is rendered here, inside)."""
    with content_cache_bypassed():
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return response


class PreviewMixin:
    """For a detail view of a `PublishedPerLanguage` model: staff who may change it see it in languages
    readers do not see yet. The view reads `self.previewer` to widen its queryset, and calls
    `self.shows(item, language)` where it asked whether readers see the item there."""

    preview_model = None
    previewer = False
    preview: Preview | None = None

    def dispatch(self, request, *args, **kwargs):
        self.previewer = may_preview(request, self.preview_model)
        if not self.previewer:
            return super().dispatch(request, *args, **kwargs)
        response = render_uncached(super().dispatch, request, *args, **kwargs)
        return mark_private(response) if self.preview else response

    def shows(self, item, language: str, *, public: bool | None = None) -> bool:
        """Readers see `item` in `language`, or this is a preview of it (which `self.preview` then holds)."""
        visible = item.is_visible_in(language) if public is None else public
        if visible:
            return True
        if self.previewer:
            self.preview = preview_of(item, language, public=public)
        return self.preview is not None

    def get_context_data(self, **kwargs):
        return super().get_context_data(**preview_context(self.preview), **kwargs)

"""The desk's views, served by `translating.admin` under the admin (staff, with the item's change
permission): the side-by-side view, "still accurate", the source language, and the grid."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from revisions.forms import conflict_message
from revisions.locking import EditConflict
from translating import grid, outdated
from translating.desk import desk_context, desk_url
from translating.forms import TranslationForm
from translating.services import (
    KEEP,
    change_source_language,
    initial_from_source,
    is_empty_translation,
    save_translation,
)
from translating.sources import kinds, language_codes


def item_for(request, kind_key: str, pk: int, language: str | None = None):
    """The item, after checking the language and the user's right to change it."""
    kind = kinds().get(kind_key)
    if kind is None or (language is not None and language not in language_codes()):
        raise Http404
    opts = kind.model._meta
    if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        raise PermissionDenied
    return get_object_or_404(kind.model, pk=pk)


def desk(request, admin_site, kind: str, pk: int, language: str):
    item = item_for(request, kind, pk, language)
    if request.method == "POST":
        status = request.POST.get("status", KEEP)
        form = TranslationForm(request.POST, obj=item, language=language, status=status)
        if form.is_valid():
            try:
                save_translation(
                    item, language, form.cleaned_data, request.user, status=status,
                    updated=request.POST.get("updated") == "1", token=form.cleaned_data.get("version_token"),
                )  # fmt: skip
            except PermissionDenied as refusal:
                messages.error(request, str(refusal))
            except EditConflict as conflict:
                # Nothing written; the translator's text stays in the form, with what the other changed
                # and a fresh token: saving again replaces their version knowingly.
                item.refresh_from_db()
                form.add_error(None, conflict_message(conflict))
                form.data = form.data.copy()
                form.data["version_token"] = conflict.token
            else:
                messages.success(request, gettext("The translation was saved."))
                return redirect(desk_url(item, language))
    else:
        initial = {name: item.translated(name, language) for name in kinds()[kind].fields}
        if request.GET.get("start") == "source" and is_empty_translation(item, language):
            initial = initial_from_source(item, language)
            messages.info(request, gettext("The source's text is in the form: translate over it, then save."))
        form = TranslationForm(initial=initial, obj=item, language=language)
    context = {
        **admin_site.each_context(request),
        **desk_context(item, language, form, request.user),
        "title": gettext("Translate"),
        "subtitle": str(item),
        "start_from_source": is_empty_translation(item, language),
        "media": form.media,
    }
    return TemplateResponse(request, "translating/desk.html", context)


@require_POST
def confirm(request, admin_site, kind: str, pk: int, language: str):
    """ "Still accurate": the translation takes the current source's fingerprints, its text unchanged."""
    item = item_for(request, kind, pk, language)
    outdated.confirm(item, language, request.user)
    messages.success(request, gettext("Marked as still accurate."))
    return redirect(desk_url(item, language))


@require_POST
def choose_source(request, admin_site, kind: str, pk: int):
    item = item_for(request, kind, pk)
    language = request.POST.get("source_language", "")
    back = request.POST.get("language", "")
    if not hasattr(item, "source_language") or language not in language_codes():
        raise Http404
    change_source_language(item, language, request.user)
    messages.success(request, gettext("The source language was changed."))
    return redirect(desk_url(item, back if back in language_codes() else language))


def grid_view(request, admin_site):
    filters = grid.Filters.from_query(request.GET)
    page, rows = grid.page_of_rows(filters, request.GET.get("page"))
    context = {
        **admin_site.each_context(request),
        "title": gettext("Translations"),
        "filters": filters,
        "kinds": [(key, capfirst(kind.model._meta.verbose_name_plural)) for key, kind in kinds().items()],
        "states": [(state, grid.STATE_LABELS[state]) for state in grid.STATES],
        "languages": settings.LANGUAGES,
        "counts": grid.count_links(filters),
        "page": page,
        "previous_url": f"?{filters.as_query(page=page.previous_page_number())}"
        if page.has_previous()
        else "",
        "next_url": f"?{filters.as_query(page=page.next_page_number())}" if page.has_next() else "",
        "rows": rows,
        "columns": [(code, name) for code, name in settings.LANGUAGES if code in filters.languages()],
        **grid.filter_choices(filters),
    }
    return TemplateResponse(request, "translating/grid.html", context)

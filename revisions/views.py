"""The history pages of a versioned object in the admin: the list of revisions, a comparison of two,
and the confirmation and act of restoring one (whole or one language).

Each view takes the ModelAdmin first (`RevisionsAdminMixin` routes to them) and checks its permissions:
viewing the history needs the view or change permission, restoring the change permission.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from reversion.models import Version

from revisions import comments
from revisions.diffing import compare as compare_values
from revisions.locking import loaded_version
from revisions.registry import language_codes
from revisions.restoring import may_restore_states, restored_fields
from revisions.restoring import restore as restore_version
from revisions.snapshots import changed_languages, object_values, version_values, versions_of

# Revisions listed on the history page (the newest); older ones stay stored and comparable by URL.
HISTORY_LIMIT = 200


def _object(model_admin, request, object_id, *, change: bool = False):
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404(gettext("No such item."))
    allowed = (
        model_admin.has_change_permission(request, obj)
        if change
        else model_admin.has_view_or_change_permission(request, obj)
    )
    if not allowed:
        raise PermissionDenied
    return obj


def _context(model_admin, request, obj, title: str, **extra) -> dict:
    opts = model_admin.opts
    return {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "module_name": str(opts.verbose_name_plural),
        "object": obj,
        "title": title,
        "subtitle": None,
        "languages": settings.LANGUAGES,
        "may_restore": model_admin.has_change_permission(request, obj),
        "compare_url": _url(model_admin, "compare", obj.pk),
        **extra,
    }


def _url(model_admin, name: str, *args) -> str:
    opts = model_admin.opts
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args, current_app=model_admin.admin_site.name
    )


def history(model_admin, request, object_id):
    obj = _object(model_admin, request, object_id)
    loaded_version(obj)  # a change made outside any revision is recorded first, so the list is complete
    versions = list(versions_of(obj)[: HISTORY_LIMIT + 1])
    values = [version_values(version) for version in versions]
    model = type(obj)
    rows = [
        {
            "version": version,
            "comment": comments.readable(version.revision.comment),
            "languages": changed_languages(model, values[i + 1] if i + 1 < len(values) else None, values[i]),
        }
        for i, version in enumerate(versions[:HISTORY_LIMIT])
    ]
    context = _context(
        model_admin,
        request,
        obj,
        gettext("History of “%(object)s”") % {"object": obj},
        rows=rows,
        more=len(versions) > HISTORY_LIMIT,
    )
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "revisions/history.html", context)


def _version(obj, version_id) -> Version:
    try:
        return versions_of(obj).get(pk=int(version_id))
    except (TypeError, ValueError, Version.DoesNotExist):
        raise Http404(gettext("No such revision of this item.")) from None


def compare(model_admin, request, object_id):
    obj = _object(model_admin, request, object_id)
    versions = list(versions_of(obj).defer("serialized_data")[:HISTORY_LIMIT])  # for the two lists
    if not versions:
        raise Http404(gettext("This item has no revisions yet."))
    default_to, default_from = versions[0], versions[1] if len(versions) > 1 else versions[0]
    old = _version(obj, request.GET.get("from", default_from.pk))
    new = _version(obj, request.GET.get("to", default_to.pk))
    context = _context(
        model_admin,
        request,
        obj,
        gettext("Changes from revision %(old)s to revision %(new)s")
        % {"old": old.revision_id, "new": new.revision_id},
        old=old,
        new=new,
        versions=versions,
        sections=compare_values(type(obj), version_values(old), version_values(new)),
        history_url=_url(model_admin, "history", obj.pk),
    )
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "revisions/compare.html", context)


def restore(model_admin, request, object_id, version_id):
    obj = _object(model_admin, request, object_id, change=True)
    version = _version(obj, version_id)
    language = request.POST.get("language") or request.GET.get("language") or None
    if language is not None and language not in language_codes():
        raise Http404(gettext("Not a language of this site."))
    if request.method == "POST":
        return _restore(model_admin, request, obj, version, language)
    with_states = may_restore_states(type(obj), request.user)
    names = restored_fields(type(obj), language=language, with_states=with_states)
    context = _context(
        model_admin,
        request,
        obj,
        _restore_title(version, language),
        version=version,
        language=language,
        language_name=dict(settings.LANGUAGES).get(language, ""),
        states_kept=language is None and not with_states,
        sections=compare_values(type(obj), object_values(obj), version_values(version), names),
        history_url=_url(model_admin, "history", obj.pk),
    )
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "revisions/restore.html", context)


def _restore_title(version, language: str | None) -> str:
    if language:
        name = gettext(dict(settings.LANGUAGES)[language])
        return gettext("Restore the %(language)s text of revision %(revision)s?") % {
            "language": name,
            "revision": version.revision_id,
        }
    return gettext("Restore revision %(revision)s?") % {"revision": version.revision_id}


def _restore(model_admin, request, obj, version, language):
    try:
        changed = restore_version(obj, version, user=request.user, language=language)
    except IntegrityError:
        messages.error(request, gettext("Not restored: another item now uses a value of that revision."))
        return HttpResponseRedirect(_url(model_admin, "history", obj.pk))
    if changed:
        messages.success(request, comments.readable(comments.restored(version.revision_id, language)) + ".")
    else:
        messages.info(request, gettext("Nothing to restore: the item already holds those values."))
    return HttpResponseRedirect(_url(model_admin, "change", obj.pk))

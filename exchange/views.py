"""The admin's export form (reached from the Post changelist's action) and import page.

Staff who may change posts only (the Editors and Publishers groups): others get 403, anonymous visitors
the admin's login. Both views are thin: `exchange.exporting` and `exchange.importing` do the work.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from blog.models import Post
from exchange.exporting import translations_export
from exchange.formats import Refused
from exchange.forms import ExportForm, ImportForm
from exchange.importing import MAX_BYTES, translations_import

CHANGE_POST = "blog.change_post"


def editors_only(view):
    """The admin's login and staff check, then the permission to change posts."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_POST):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def _page(request, template: str, title: str, **context):
    context = {**admin.site.each_context(request), "title": title, "opts": Post._meta, **context}
    return TemplateResponse(request, template, context)


def _selected_ids(raw: str) -> list[int]:
    return [int(pk) for pk in raw.split(",") if pk.strip().isdigit()]


@editors_only
def export_view(request):
    raw_ids = request.POST.get("ids", "") if request.method == "POST" else request.GET.get("ids", "")
    posts = list(Post.objects.filter(pk__in=_selected_ids(raw_ids)).order_by("pk"))
    if not posts:
        messages.warning(request, _("Choose the posts to export in the list first."))
        return HttpResponseRedirect(reverse("admin:blog_post_changelist"))
    form = ExportForm(request.POST or None, initial={"ids": ",".join(str(post.pk) for post in posts)})
    if form.is_valid():
        language, file_format = form.cleaned_data["language"], form.cleaned_data["file_format"]
        export = translations_export(posts=posts, language=language, file_format=file_format)
        if export.posts:
            if export.skipped:
                messages.warning(request, _skipped_message(export.skipped, language))
            response = HttpResponse(export.content, content_type=export.content_type)
            response["Content-Disposition"] = content_disposition_header(True, export.filename)
            return response
        form.add_error("language", _skipped_message(export.skipped, language))
    return _page(request, "exchange/export.html", _("Export for translation"), form=form, posts=posts)


def _skipped_message(posts, language: str) -> str:
    titles = ", ".join(f"“{post}”" for post in posts)
    return _("Nothing to translate into %(language)s (written in it, or no text yet): %(titles)s.") % {
        "language": language,
        "titles": titles,
    }


@editors_only
def import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = translations_import(
                data=upload.read(MAX_BYTES + 1),
                filename=upload.name,
                language=form.cleaned_data["language"],
                user=request.user,
            )
        except Refused as problem:
            messages.error(request, _("The file was not imported: %(problem)s") % {"problem": problem})
        else:
            _report_messages(request, report)
    return _page(request, "exchange/import.html", _("Import translations"), form=form, report=report)


def _report_messages(request, report) -> None:
    saved = len(report.saved)
    messages.success(
        request,
        ngettext(
            "%(count)d post now has a %(language)s draft from the file.",
            "%(count)d posts now have a %(language)s draft from the file.",
            saved,
        )
        % {"count": saved, "language": report.language},
    )
    flagged = sum(len(outcome.flagged) for outcome in report.posts)
    if flagged:
        messages.warning(
            request,
            ngettext(
                "%(count)d segment was not applied: its source changed since the export.",
                "%(count)d segments were not applied: their source changed since the export.",
                flagged,
            )
            % {"count": flagged},
        )
    for outcome in report.posts:
        if outcome.skipped:
            messages.warning(request, f"“{outcome.post}”: {outcome.skipped}")

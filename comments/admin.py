"""Moderation in the admin: what waits first, approve or reject many at once, read-only reader data.

Editors may correct a comment's text (its HTML is remade on save) but not who wrote it, where or when.
"""

from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from comments import moderation
from comments.models import Comment


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Awaiting moderation")),
            ("approved", _("Approved")),
            ("rejected", _("Rejected")),
        ]

    def queryset(self, request, queryset):
        return {
            "waiting": queryset.awaiting(),
            "approved": queryset.public(),
            "rejected": queryset.filter(is_removed=True),
        }.get(self.value(), queryset)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("name", "excerpt", "post", "language", "submit_date", "is_public", "is_removed")
    list_filter = (StatusFilter, "language", "submit_date")
    search_fields = ("name", "body")
    list_select_related = ("post",)
    ordering = ("is_public", "is_removed", "-submit_date")
    date_hierarchy = "submit_date"
    actions = ("approve_selected", "reject_selected")
    fields = ("post", "language", "parent", "name", "submit_date", "body", "is_public", "is_removed")
    readonly_fields = ("post", "language", "parent", "name", "submit_date")

    def has_add_permission(self, request):
        return False  # comments come from readers

    @admin.display(description=_("comment"))
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80)

    @admin.action(description=_("Approve the selected comments"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = moderation.approve(queryset)
        message = ngettext("%(count)d comment approved.", "%(count)d comments approved.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Reject the selected comments"), permissions=["change"])
    def reject_selected(self, request, queryset):
        count = moderation.reject(queryset)
        message = ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

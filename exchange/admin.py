"""The Post changelist's "Export for translation (XLIFF / PO)" action, added to the blog's Post admin.

The blog's admin does not know this app (blog imports nothing of ours): the action is appended to the
registered `PostAdmin` when the admin discovers this module, after `blog.admin`.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

import blog.admin  # noqa: F401 - the Post admin must be registered before it is extended
from blog.models import Post


@admin.action(description=_("Export for translation (XLIFF / PO)"), permissions=["change"])
def export_for_translation(modeladmin, request, queryset):
    """To the export form (language and format), with the selected posts."""
    ids = ",".join(str(pk) for pk in queryset.order_by("pk").values_list("pk", flat=True))
    return HttpResponseRedirect(f"{reverse('exchange:export')}?{urlencode({'ids': ids}, safe=',')}")


post_admin = admin.site.get_model_admin(Post)
post_admin.actions = [*(post_admin.actions or ()), export_for_translation]

"""The desk in the admin: "Translations" on the admin's home page opens the grid; the side-by-side view,
"still accurate" and the source language are this ModelAdmin's URLs, so they sit behind the admin's login
and look like the rest of it. Anyone who may change posts, events or pages may use it.

The views are imported when the admin's URLs are built, not with this module: Django imports every
`admin.py` in `django.setup()`, and the views bring the desk's renderer (markdown-it's plugins, Pygments),
~20 ms that commands such as `import_posts` would pay for nothing (the start-up budget,
docs/performance.md)."""

from __future__ import annotations

from functools import partial

from django.contrib import admin
from django.urls import path

from translating.models import TranslationBasis
from translating.sources import kinds


def may_translate(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and any(
            user.has_perm(f"{kind.model._meta.app_label}.change_{kind.model._meta.model_name}")
            for kind in kinds().values()
        )
    )


@admin.register(TranslationBasis)
class TranslationDeskAdmin(admin.ModelAdmin):
    def has_module_permission(self, request) -> bool:
        return may_translate(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_translate(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        from translating import views  # local: see the module's docstring

        return views.grid_view(request, self.admin_site)

    def get_urls(self):
        from translating import views  # local: see the module's docstring

        site = self.admin_site

        def view(function):
            return site.admin_view(partial(function, admin_site=site))

        return [
            path("<str:kind>/<int:pk>/source/", view(views.choose_source), name="translating_source"),
            path("<str:kind>/<int:pk>/<str:language>/", view(views.desk), name="translating_desk"),
            path(
                "<str:kind>/<int:pk>/<str:language>/confirm/", view(views.confirm), name="translating_confirm"
            ),
            path("", site.admin_view(self.changelist_view), name="translating_grid"),
            *super().get_urls(),
        ]

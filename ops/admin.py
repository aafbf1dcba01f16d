"""User and group admin that editors cannot use to escalate.

Only superusers manage groups, permissions, staff and superuser flags. Even a staff user who was given
the `change_user` permission can edit names and e-mail addresses only, and only of accounts that hold no
right they lack themselves: setting the password or e-mail of a more privileged account would be a way to
take it over.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

PRIVILEGE_FIELDS = ("is_superuser", "is_staff", "is_active", "groups", "user_permissions")


def outranks(account: User, actor: User) -> bool:
    """Whether `account` holds anything `actor` does not: superuser status, or any permission."""
    if actor.is_superuser:
        return False
    if account.is_superuser:
        return True
    return bool(account.get_all_permissions() - actor.get_all_permissions())


class HardenedUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, *PRIVILEGE_FIELDS)

    def has_change_permission(self, request, obj=None):
        # Also guards the password form: UserAdmin.user_change_password asks this for the account.
        if obj is not None and outranks(obj, request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and outranks(obj, request.user):
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request):
        # A new account could be created with a known password and then used; superusers only.
        return request.user.is_superuser


class SuperuserOnlyGroupAdmin(GroupAdmin):
    """Groups carry permissions: changing one's own group is escalation, so superusers only."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, HardenedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, SuperuserOnlyGroupAdmin)

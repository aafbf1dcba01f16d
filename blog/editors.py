"""The `Editors` group: full rights on content models, nothing on users or groups.

Used by data migrations, so it works with the historical app registry they pass in.
"""

from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def grant_editors(apps, schema_editor, app_label: str, model_names: list[str]) -> None:
    # Permissions are normally created after migrations; create them now so the group can hold them.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True  # the migration state's app stub lacks it; create_permissions asks
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in model_names for action in ACTIONS]
    group.permissions.add(
        *permission_model.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )

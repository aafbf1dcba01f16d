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


PUBLISHERS_GROUP = "Publishers"


def grant_publishers(apps, schema_editor, app_label: str, model_names: list[str]) -> None:
    """The `Publishers` group: what editors may do, and publishing (`publish_<model>`) on top."""
    grant_editors(apps, schema_editor, app_label, model_names)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    editors = group_model.objects.get(name=EDITORS_GROUP)
    group, _created = group_model.objects.get_or_create(name=PUBLISHERS_GROUP)
    codenames = [f"publish_{model}" for model in model_names]
    group.permissions.add(
        *editors.permissions.all(),
        *permission_model.objects.filter(content_type__app_label=app_label, codename__in=codenames),
    )


def publish_written_languages(
    apps, model_label: str, content_fields: tuple[str, ...], draft_field: str | None
):
    """Data migration: every language an item has content in stays published (drafts stay drafts)."""
    from django.conf import settings
    from django.db.models import Q

    model = apps.get_model(model_label)
    for code, _name in settings.LANGUAGES:
        has_content = Q(**{f"{field}_{code}__gt": "" for field in content_fields})
        rows = model.objects.filter(has_content)
        if draft_field:
            rows.filter(**{draft_field: True}).update(**{f"status_{code}": "draft"})
            rows = rows.filter(**{draft_field: False})
        rows.update(**{f"status_{code}": "published"})
        if content_fields:  # excluding an empty Q() would exclude nothing and undo the line above
            model.objects.exclude(has_content).update(**{f"status_{code}": "draft"})

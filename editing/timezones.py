"""`TimeZoneSelect`: the IANA time zones (from zoneinfo) in a select, grouped by region, region names
translated. Only a widget: the field keeps its own validation (events.models.validate_timezone)."""

from __future__ import annotations

import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

# Zone names are identifiers and stay as they are; the regions they are grouped under read as words.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}
# Legacy aliases (US/Eastern, Etc/GMT+5, EST5EDT…) are left out: every place has a Region/City name.
LEGACY_PREFIXES = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")


@cache
def _grouped_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = sorted(zoneinfo.available_timezones())
    return tuple(
        (
            region,
            tuple(
                name
                for name in names
                if name.startswith(f"{region}/") and not name.startswith(LEGACY_PREFIXES)
            ),
        )
        for region in REGIONS
    )


def time_zone_choices() -> list:
    """`[("", "---------"), ("UTC", "UTC"), (_("America"), [("America/Bogota", "America/Bogota"), …]), …]`."""
    groups = [
        (REGIONS[region], [(name, name.replace("_", " ")) for name in names])
        for region, names in _grouped_names()
    ]
    return [("", "---------"), ("UTC", "UTC"), *groups]


class TimeZoneSelect(forms.Select):
    def __init__(self, attrs=None):
        super().__init__(attrs, choices=())
        self.choices = time_zone_choices()

    def get_context(self, name, value, attrs):
        # A zone stored before this select (a legacy alias) stays selectable instead of being lost on save.
        known = {choice for _group, options in self.choices[2:] for choice, _label in options} | {"", "UTC"}
        if value and value not in known:
            self.choices = [*self.choices, (value, value)]
        return super().get_context(name, value, attrs)


class TimeZoneSelectMixin:
    """For a ModelAdmin: the fields named in `time_zone_fields` get a TimeZoneSelect."""

    time_zone_fields: tuple[str, ...] = ("timezone",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.time_zone_fields:
            kwargs["widget"] = TimeZoneSelect()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

"""The site defaults a migration creates (name, default menu), present for every test here.

A transactional test elsewhere in the run (browser tests, import rollbacks) ends with a flush that empties
every table, migration-made rows included; these tests check behaviour that starts from those rows.
"""

import importlib

import pytest
from django.apps import apps

site_defaults = importlib.import_module("pages.migrations.0002_site_defaults")


@pytest.fixture(autouse=True)
def migration_defaults(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    site_defaults.create_defaults(apps, None)

"""Posts in the states a preview concerns, and the people who ask for them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from tests.factories import make_post

PASSWORD = "pw-previews-1"
# What the `Editors` group holds for content (permissions, not the group: a transactional test elsewhere in
# the run flushes the rows data migrations made, and post_migrate makes only permissions again).
EDITOR_PERMISSIONS = ("change_post", "view_post", "change_page", "view_page", "change_event", "view_event")


def make_staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def draft():
    """A post written in es and pt, a draft in both: no reader sees it anywhere."""
    return make_post(
        languages=("es", "pt"),
        draft=True,
        title_es="Borrador secreto",
        title_pt="Rascunho secreto",
        body_es="Texto del borrador, único.",
        body_pt="Texto do rascunho, único.",
    )


@pytest.fixture
def scheduled():
    """A post published in es, dated two days ahead: readers see it then."""
    return make_post(
        languages=("es",), title_es="Programada secreta", date=timezone.now() + timedelta(days=2)
    )


@pytest.fixture
def editor():
    return make_staff("editora", *EDITOR_PERMISSIONS)


@pytest.fixture
def staff_client(client, editor):
    """An editor (may change posts, pages and events; may not publish), logged in."""
    client.force_login(editor)
    return client


@pytest.fixture
def outsider_client(client):
    """Staff who may look at posts in the admin but not change them."""
    client.force_login(make_staff("contable", "view_post", "view_page", "view_event"))
    return client

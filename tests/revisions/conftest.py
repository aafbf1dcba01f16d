"""Revisions tests: the sample site's trilingual OpenInfraDays post (fixtures/content), imported as an editor
would find it, and the three kinds of staff users."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from blog.models import Post
from tests.admin_forms import submitted
from tests.paths import ROOT

# The three files of one sample post (es, pt, en): real text with headings and a dozen paragraphs.
SAMPLE_FILES = [
    ROOT / "fixtures" / "content" / name
    for name in ("000_9a5b190a61900fa2.txt", "001_5b2d1586aeec222d.txt", "002_e78032026aeb834a.txt")
]


@pytest.fixture
def sample_post(db) -> Post:
    call_command("import_posts", *map(str, SAMPLE_FILES), verbosity=0)
    return Post.objects.get(title_en__startswith="Why OpenInfraDays")


def staff(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, password=f"pw-{username}-123", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(db) -> User:
    return staff("editora", "Editors")


@pytest.fixture
def publisher(db) -> User:
    return staff("publicadora", "Publishers")


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def revisions_url(obj, name: str, *args) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{name}", args=[obj.pk, *args])


def edit(client, obj, **changes):
    """Open `obj`'s change form as `client`'s user, change fields and save; the response."""
    response, _data = submitted(client, change_url(obj), **changes)
    return response


def versions(obj) -> list[Version]:
    """`obj`'s versions, newest first."""
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def in_admin_language(text_function, *args) -> str:
    """What the admin shows (it speaks the site's language, Spanish): a message as its catalogue words it."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text_function(*args))


def first_paragraph(text: str) -> str:
    return text.split("\n\n", 1)[0]

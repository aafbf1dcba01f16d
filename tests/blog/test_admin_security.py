"""Admin hardening: login throttled, staff only, editors cannot escalate their own rights."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache, caches

from blog.editors import EDITORS_GROUP

LOGIN_URL = "/admin/login/"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="editor-pass", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def fail_login(client, username="editor", address="10.0.0.1"):
    return client.post(LOGIN_URL, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


def login_after_five_failures(client, username: str):
    """Five failures as `editor`, then the right password under `username`."""
    for _ in range(5):
        fail_login(client)
    return client.post(LOGIN_URL, {"username": username, "password": "editor-pass"}, REMOTE_ADDR="10.0.0.1")


@pytest.mark.django_db
def test_fifth_failure_still_shows_the_form(client, editor):
    for _ in range(4):
        fail_login(client)
    assert fail_login(client).status_code == 200


@pytest.mark.django_db
def test_sixth_attempt_after_five_failures_is_refused(client, editor):
    response = login_after_five_failures(client, "editor")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_counters_in_their_own_cache_survive_the_page_cache_emptying(client, editor, settings):
    """Pages and fragments share the default cache (bounded, least recently used first): never a counter."""
    locmem = "django.core.cache.backends.locmem.LocMemCache"
    settings.CACHES = {
        "default": {"BACKEND": locmem, "LOCATION": "pages-apart"},
        "throttle": {"BACKEND": locmem, "LOCATION": "throttle-apart"},
    }
    caches["throttle"].clear()
    for _ in range(5):
        fail_login(client)
    cache.clear()
    assert fail_login(client).status_code == 429
    caches["throttle"].clear()


@pytest.mark.django_db
def test_throttle_is_per_address(client, editor):
    for _ in range(5):
        fail_login(client, address="10.0.0.1")
    response = client.post(
        LOGIN_URL, {"username": "editor", "password": "editor-pass"}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_one_address_cannot_spray_many_user_names(client, editor):
    for n in range(20):
        fail_login(client, username=f"user{n}")
    assert fail_login(client, username="someone-else").status_code == 429


@pytest.mark.django_db
def test_successful_login_clears_failures(client, editor):
    for _ in range(4):
        fail_login(client)
    client.post(LOGIN_URL, {"username": "editor", "password": "editor-pass"}, REMOTE_ADDR="10.0.0.1")
    client.logout()
    for _ in range(4):
        fail_login(client)
    assert fail_login(client).status_code == 200


@pytest.mark.django_db
def test_non_staff_user_cannot_log_in(client, django_user_model):
    django_user_model.objects.create_user("reader", password="reader-pass")
    response = client.post(LOGIN_URL, {"username": "reader", "password": "reader-pass"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_non_staff_session_is_sent_to_login(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader2", password="x"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.django_db
def test_editor_cannot_open_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403


@pytest.mark.django_db
def test_editor_cannot_make_self_superuser(editor_client, editor):
    editor_client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {
            "username": "editor",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    editor.refresh_from_db()
    assert not editor.is_superuser


@pytest.mark.django_db
def test_editor_cannot_change_groups(editor_client):
    group = Group.objects.get(name=EDITORS_GROUP)
    assert editor_client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 403


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


@pytest.mark.django_db
def test_user_manager_cannot_grant_privileges(client, editor, django_user_model):
    """Even with change_user, privilege fields are read-only for a non-superuser."""
    grant(editor, "view_user", "change_user")
    client.force_login(editor)
    response = client.post(
        f"/admin/auth/user/{editor.pk}/change/",
        {
            "username": "editor",
            "first_name": "Ed",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "user_permissions": [p.pk for p in Permission.objects.all()[:5]],
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    editor.refresh_from_db()
    assert response.status_code == 302
    assert editor.first_name == "Ed"
    assert not editor.is_superuser
    assert editor.user_permissions.count() == 2


@pytest.mark.django_db
def test_user_manager_cannot_edit_a_superuser(client, editor, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="x")
    grant(editor, "view_user", "change_user")
    client.force_login(editor)
    client.post(f"/admin/auth/user/{boss.pk}/change/", {"username": "boss", "first_name": "Hacked"})
    boss.refresh_from_db()
    assert boss.first_name == ""


@pytest.mark.django_db
def test_group_manager_cannot_change_groups(client, editor):
    grant(editor, "view_group", "change_group")
    client.force_login(editor)
    group = Group.objects.get(name=EDITORS_GROUP)
    before = group.permissions.count()
    client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": EDITORS_GROUP, "permissions": [p.pk for p in Permission.objects.all()]},
    )
    assert group.permissions.count() == before


@pytest.mark.django_db
def test_fullwidth_letters_do_not_bypass_a_blocked_user_name(client, editor):
    """Django logs `ｅｄｉｔｏｒ` in as `editor` (NFKC): while `editor` is blocked, so is its twin."""
    response = login_after_five_failures(client, "ｅｄｉｔｏｒ")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.fixture
def user_manager(editor):
    grant(editor, "view_user", "change_user")
    return editor


@pytest.fixture
def publisher(django_user_model):
    """A non-superuser with rights the user manager lacks."""
    user = django_user_model.objects.create_user("publisher", password="old-pass", email="p@example.org")
    grant(user, "delete_post", "delete_user")
    return user


def set_password_as(client, actor, account, password: str):
    """`actor` sets `account`'s password through the admin's password form."""
    client.force_login(actor)
    response = client.post(
        f"/admin/auth/user/{account.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )
    account.refresh_from_db()
    return response


@pytest.mark.django_db
def test_user_manager_cannot_set_the_password_of_a_more_privileged_user(client, user_manager, publisher):
    response = set_password_as(client, user_manager, publisher, "taken-over-9876")
    assert response.status_code == 403
    assert publisher.check_password("old-pass")


@pytest.mark.django_db
def test_user_manager_cannot_change_the_email_of_a_more_privileged_user(client, user_manager, publisher):
    client.force_login(user_manager)
    client.post(
        f"/admin/auth/user/{publisher.pk}/change/",
        {
            "username": "publisher",
            "email": "attacker@example.org",
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    publisher.refresh_from_db()
    assert publisher.email == "p@example.org"


@pytest.mark.django_db
def test_user_manager_can_still_reset_a_password_of_an_equal_user(client, user_manager, django_user_model):
    peer = django_user_model.objects.create_user("peer", password="old-pass")
    response = set_password_as(client, user_manager, peer, "a-new-pass-9876")
    assert response.status_code == 302
    assert peer.check_password("a-new-pass-9876")

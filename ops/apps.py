"""Operations app: page cache, its invalidation, and admin hardening.

It lives outside `blog` so that it may listen to both `blog` and `events` models without `blog` ever
importing `events`.
"""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ops import receivers

        receivers.connect()

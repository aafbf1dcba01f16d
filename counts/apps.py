"""Live-post counts per listing, kept up to date by the writes themselves (see `counts.models`)."""

from django.apps import AppConfig


class CountsConfig(AppConfig):
    name = "counts"
    verbose_name = "Post counts"  # no admin pages: never shown to editors
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from counts import receivers

        receivers.connect()

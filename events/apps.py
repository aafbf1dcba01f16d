"""The events app; on start it listens to the blog importer (the blog never imports events)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from blog.signals import post_imported
        from events.receivers import link_imported_post

        post_imported.connect(link_imported_post, dispatch_uid="events.link_imported_post")

        from django.db.models.signals import pre_save

        from blog.text import strip_control_characters_before_save
        from events.models import Event

        pre_save.connect(strip_control_characters_before_save, sender=Event, dispatch_uid="clean-text-Event")

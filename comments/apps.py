from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from comments.models import Comment
        from comments.moderation import on_delete, on_save

        post_save.connect(on_save, sender=Comment, dispatch_uid="comments-visibility-save")
        post_delete.connect(on_delete, sender=Comment, dispatch_uid="comments-visibility-delete")

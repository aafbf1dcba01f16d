"""Cover images: renditions of uploaded and imported covers, and covers drawn for posts without one."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoversConfig(AppConfig):
    name = "covers"
    verbose_name = _("Covers")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from blog.models import Post
        from covers.receivers import forget_renditions_of_replaced_cover, straighten_uploaded_cover

        pre_save.connect(straighten_uploaded_cover, sender=Post, dispatch_uid="covers.receivers.straighten")
        post_save.connect(
            forget_renditions_of_replaced_cover, sender=Post, dispatch_uid="covers.receivers.forget"
        )

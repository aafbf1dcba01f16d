from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from blog.text import strip_control_characters_before_save

        for model in self.get_models():
            pre_save.connect(
                strip_control_characters_before_save,
                sender=model,
                dispatch_uid=f"clean-text-{model.__name__}",
            )

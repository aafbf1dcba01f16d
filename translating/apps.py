from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslatingConfig(AppConfig):
    """The translation desk: outdated translations tracked on every save (`receivers`), the grid and the
    side-by-side view in the admin (`admin`), and the dashboard's "Outdated translations"."""

    name = "translating"
    verbose_name = _("Translation desk")

    def ready(self) -> None:
        from backoffice import attention as dashboard
        from translating import attention, receivers

        receivers.connect()
        dashboard.register(attention.outdated_translations)

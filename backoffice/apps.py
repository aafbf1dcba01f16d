from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The admin as editors see it: the site's name in its header and title, the dashboard of what needs
    attention (`backoffice.attention`), the favicon, and translated field labels (`backoffice.labels`)."""

    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self) -> None:
        from django.contrib import admin

        from backoffice import attention, publishing
        from backoffice.branding import admin_site_title

        admin.site.site_header = admin_site_title()
        admin.site.site_title = admin_site_title()
        admin.site.index_template = "backoffice/index.html"
        # The models are one click away (breadcrumbs, the home page): their width goes to the lists.
        admin.site.enable_nav_sidebar = False
        attention.register(publishing.drafts_and_scheduled)

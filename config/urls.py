"""Root URLs: the admin outside the language prefixes, every reader page inside i18n_patterns.

Spanish (the default) has no prefix; Portuguese and English live under /pt/ and /en/.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from config.sitemaps import SITEMAPS
from discovery.sitemap_xml import language_sitemap_view, sitemap_index_view, sitemap_section_view
from discovery.views import robots_txt
from ops.health import healthz
from ops.media import serve_media

urlpatterns = [
    path("admin/editing/", include("editing.urls")),  # the editor's preview, before the admin's catch-all
    path("admin/exchange/", include("exchange.urls")),  # translators' files: export and import pages
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the admin's language choice
    path("library/", include("library.urls")),
    path("covers/", include("covers.urls")),
    path("preview/", include("previews.urls")),  # share links; the token says the language
    path("robots.txt", robots_txt, name="robots-txt"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap_index_view, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section_view, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # One language's URLs at the paths of Hugo's per-language sitemaps (/es/ too, though es has no prefix).
    *(
        path(f"{code}/sitemap.xml", language_sitemap_view, {"sitemaps": SITEMAPS, "language": code})
        for code, _name in settings.LANGUAGES
    ),
]

urlpatterns += i18n_patterns(
    path("events/", include("events.urls")),
    # Before the reader's URLs: its `<section>/` pattern would take `comments/` for a section.
    path("comments/", include("comments.urls")),
    path("", include("discovery.urls")),
    path("", include("reader.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Single-machine installs serve uploads themselves; behind object storage set SERVE_MEDIA=0.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_media,  # with the script-free policy on SVG covers and avatars; MEDIA_ROOT read per request
        ),
    ]

handler404 = "reader.views.page_not_found"
handler500 = "reader.views.server_error"

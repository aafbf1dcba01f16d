"""Section names as readers see them: `blog`, `news`… in the active language.

Used by the listing and post pages (headings, breadcrumbs) and by the generated covers, which draw the
section's name in the cover's own language.
"""

from django.utils.translation import gettext_lazy as _

# Sections with a name of their own in the interface; other sections are shown from their slug.
SECTION_NAMES = {
    "blog": _("Blog"),
    "news": _("News"),
    "events": _("Events"),
    "guides": _("Guides"),
    "openinfra": _("OpenInfra"),
}


def section_name(section: str) -> str:
    return str(SECTION_NAMES.get(section, section.replace("-", " ").title()))

"""Month names in our own catalogues, so Portuguese dates read `12 de setembro de 2025`.

Portuguese writes month names in lowercase, but Django's bundled pt catalogue capitalises them
(`Setembro`). Marking the same msgids here brings them into `locale/`, whose translations take precedence
over Django's. Nothing imports this module: it exists for `makemessages`.
"""

from django.utils.translation import gettext_noop

MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

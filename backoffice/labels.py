"""How modeltranslation names a field's language column in labels, messages and the history: "título
(español)" in the Spanish admin, "title (Spanish)" in the English one, instead of its "Title [es]".

Set as `MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME` in the settings; modeltranslation calls it lazily,
when a label is shown, so the active language is the reader's. Imports nothing of the project's.
"""

from django.utils.translation import get_language_info, gettext


def localized_verbose_name(verbose_name, language: str) -> str:
    try:
        name = get_language_info(language)["name_translated"]
    except KeyError:
        name = language
    return gettext("%(field)s (%(language)s)") % {"field": verbose_name, "language": name}

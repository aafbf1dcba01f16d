"""The admin's two forms: what to export (language, format) and which file to import."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchange.formats import PO, XLIFF

FORMAT_CHOICES = [(XLIFF, _("XLIFF 1.2 (.xlf): CAT tools")), (PO, _("PO (.po): Poedit, Weblate"))]


def language_choices():
    return [(code, _(name)) for code, name in settings.LANGUAGES]


class ExportForm(forms.Form):
    ids = forms.CharField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Translate into"), choices=language_choices)
    file_format = forms.ChoiceField(
        label=_("File format"), choices=FORMAT_CHOICES, initial=XLIFF, widget=forms.RadioSelect
    )


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the translations"), choices=language_choices)
    file = forms.FileField(
        label=_("Translated file"), help_text=_("An XLIFF 1.2 (.xlf) or PO (.po) file exported here.")
    )

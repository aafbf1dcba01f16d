"""The upload form: one image file and its alt text in every language; a formset takes several at once."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from library.storing import checked_format, store_image

ACCEPT = "image/jpeg,image/png,image/gif,image/webp"
MAX_AT_ONCE = 50


class ImageUploadForm(forms.Form):
    file = forms.FileField(label=_("Image file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_("Alternative text (%(language)s)") % {"language": _(name)},
                max_length=300,
                help_text=_("What the image shows, for readers who cannot see it."),
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.image_format = checked_format(upload)
        return upload

    def save(self):
        alt = {code: self.cleaned_data[f"alt_{code}"] for code, _name in settings.LANGUAGES}
        return store_image(upload=self.cleaned_data["file"], alt=alt, image_format=self.image_format)


ImageUploadFormSet = forms.formset_factory(
    ImageUploadForm,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_AT_ONCE,
    absolute_max=MAX_AT_ONCE,
    validate_max=True,
)

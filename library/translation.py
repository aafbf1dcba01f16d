"""modeltranslation: an alt text column per language (`alt_es`, `alt_pt`, `alt_en`), every one required."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from library.models import Image


@register(Image)
class ImageTranslationOptions(TranslationOptions):
    fields = ("alt",)
    required_languages = tuple(code for code, _name in settings.LANGUAGES)

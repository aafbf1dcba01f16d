"""modeltranslation registrations: the site's name and tagline, and pages' title, description, body, path."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import Page, SiteIdentity


@register(SiteIdentity)
class SiteIdentityTranslationOptions(TranslationOptions):
    fields = ("name", "tagline")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "description", "body", "path")

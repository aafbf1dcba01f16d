"""modeltranslation registrations: the site's name, tagline and support text, and pages' title,
description, body, path."""

from modeltranslation.translator import TranslationOptions, register

from pages.models import Page, SiteIdentity


@register(SiteIdentity)
class SiteIdentityTranslationOptions(TranslationOptions):
    fields = ("name", "tagline", "support_text")


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "description", "body", "path", "status", "publish_at")

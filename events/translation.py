"""modeltranslation registration for events: name, summary and description in es/pt/en."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "status", "publish_at")

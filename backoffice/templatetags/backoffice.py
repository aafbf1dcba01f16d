"""`{% attention_groups as groups %}`: what the dashboard shows (backoffice.attention)."""

from django import template

from backoffice.attention import collect

register = template.Library()


@register.simple_tag(takes_context=True)
def attention_groups(context):
    return collect(context["request"])

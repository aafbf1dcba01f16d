"""`{% page_meta as meta %}`: the values meta.html prints, computed by `discovery.social.page_meta`."""

from django import template

from discovery.social import page_meta as compute_page_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context) -> dict:
    return compute_page_meta(context)

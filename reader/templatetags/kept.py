"""`{% kept "name" value … %}…{% endkept %}`: a piece of a page rendered once per content generation.

The block's HTML is kept in the shared cache (and each worker's memory: `ops.local_memo`) under the content
generation and release (`sidebar_generation` in the context, `reader.selectors.fragment_generation`), the
block's name and the values named after it: everything the block shows besides the content must be among
those values (the language, the menu item that is current, the year…). Any edit, import or scheduled
publication starts a new generation, so a kept block is never older than the content.

Without a generation in the context (content caching off, as in tests; a preview, which bypasses every
cache) the block is rendered every time, from the same template lines: a kept page reads byte for byte like
a fresh one.
"""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, name: str, vary_on: list, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context) -> str:
        generation = context.get("sidebar_generation")
        if not generation:
            return self.nodelist.render(context)
        values = "\x1f".join(str(value.resolve(context)) for value in self.vary_on)
        key = f"fragment:{generation}:{self.name}:{hashlib.sha256(values.encode()).hexdigest()[:32]}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, settings.CONTENT_CACHE_SECONDS)
        return mark_safe(html)  # noqa: S308 - the block's own (autoescaped) rendering


@register.tag
def kept(parser, token) -> KeptNode:
    """`{% kept "post-article" post.pk LANGUAGE_CODE %}…{% endkept %}` (see the module docstring)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'kept' takes a block name and the values it varies on")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(name, [parser.compile_filter(bit) for bit in bits[2:]], nodelist)

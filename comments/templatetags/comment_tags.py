"""`{% comments_for post %}`: a post's approved comments in the active language, the form, the notice.

One query whatever the number of comments: every approved comment of the post in the language, replies
attached to their parents in Python. The form is built without a query (the signed timestamp and hash).
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation
from django_comments import get_form

from comments.models import Comment
from comments.moderation import waiting_count
from comments.views import PENDING_PARAMETER, PENDING_VALUE

register = template.Library()

SHOWN_FIELDS = ("pk", "parent_id", "name", "body_html", "submit_date")


def threads(post, language: str) -> list[Comment]:
    """Top-level comments in order, each with `thread_replies`; replies whose parent is not shown drop."""
    rows = list(Comment.objects.public().on(post, language).only(*SHOWN_FIELDS).order_by("submit_date", "pk"))
    top = {comment.pk: comment for comment in rows if comment.parent_id is None}
    for comment in top.values():
        comment.thread_replies = []
    for comment in rows:
        if comment.parent_id in top:
            top[comment.parent_id].thread_replies.append(comment)
    return list(top.values())


@register.inclusion_tag("comments/_comments.html", takes_context=True)
def comments_for(context, post) -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    request = context.get("request")
    shown = threads(post, language)
    return {
        "post": post,
        "comments": shown,
        "count": len(shown) + sum(len(comment.thread_replies) for comment in shown),
        "form": get_form()(post, language=language),
        "pending": request is not None and request.GET.get(PENDING_PARAMETER) == PENDING_VALUE,
        "LANGUAGE_CODE": language,
    }


@register.simple_tag
def comments_waiting() -> int:
    """How many comments wait for an editor (the admin's index shows it)."""
    return waiting_count()

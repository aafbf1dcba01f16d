"""Builders for the comment tests: posts open to comments, signed form data, comments in any state."""

from __future__ import annotations

import time

from django.urls import reverse
from django.utils import translation

from comments.forms import CommentForm
from comments.models import Comment
from tests.factories import make_author, make_post
from tests.html import select

# Real-looking comments, in the languages of the site.
TEXTS = {
    "es": "Gracias por la guía, me sirvió para migrar el clúster.",
    "pt": "Obrigado pelo guia, ajudou na migração do cluster.",
    "en": "Thanks for the guide, it helped with the cluster migration.",
}


def commented_post(**fields):
    """A post in es, pt and en with comments on and an author who has an e-mail address."""
    author = make_author(name="Lucía Ramos", email="lucia@example.org")
    return make_post(comment=True, authors=[author], **fields)


def comment_url(language: str = "es") -> str:
    with translation.override(language):
        return reverse("comments:post")


def post_url(post, language: str = "es") -> str:
    return post.get_absolute_url(language)


def signed_fields(post, *, language: str = "es", age: int = 30) -> dict[str, str]:
    """The hidden fields of a form rendered `age` seconds ago (signed as the page signs them)."""
    form = CommentForm(post, language=language)
    rendered_at = int(time.time()) - age
    return {
        "content_type": "blog.post",
        "object_pk": str(post.pk),
        "timestamp": str(rendered_at),
        "security_hash": form.initial_security_hash(rendered_at),
    }


def form_data(post, *, language: str = "es", age: int = 30, **fields) -> dict[str, str]:
    data = {**signed_fields(post, language=language, age=age), "name": "Ana", "comment": TEXTS[language]}
    data["honeypot"] = ""
    data.update(fields)
    return data


def send(client, post, *, language: str = "es", age: int = 30, **fields):
    return client.post(comment_url(language), form_data(post, language=language, age=age, **fields))


def page_form_fields(response) -> dict[str, str]:
    """Every input of the comment form on a page, as the browser would send it."""
    return {
        field["name"]: field.get("value", "")
        for field in select(response, "form.comment-form input")
        if field.get("name")
    }


def add_comment(post, *, language: str = "es", public: bool = True, **fields) -> Comment:
    values = {"name": "Ana", "body": TEXTS[language], "is_public": public}
    values.update(fields)
    return Comment.objects.create(post=post, language=language, **values)

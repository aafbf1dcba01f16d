"""Readers' comments (django-contrib-comments' custom comment app, `COMMENTS_APP = "comments"`).

`django_comments.get_model()`, `get_form()` and `get_form_target()` answer with ours. Why the library's own
models are not installed: README, "Comments".
"""


def get_model():
    from comments.models import Comment

    return Comment


def get_form():
    from comments.forms import CommentForm

    return CommentForm


def get_form_target() -> str:
    from django.urls import reverse

    return reverse("comments:post")

"""The comment form: django-contrib-comments' signed security form plus our fields and checks.

`CommentSecurityForm` (django_comments) signs the post's identity and the moment the form was rendered
(HMAC with SECRET_KEY): a robot cannot make up a form for another post or change its timestamp. On top:

- the time check: sent sooner than `COMMENTS_MIN_SECONDS` after the form was rendered (a robot), or later
  than `COMMENTS_TIMEOUT` (a page left open for hours), it is not accepted; the reader gets the form back
  with the text kept and a fresh timestamp, so a real person only has to press the button again;
- the honeypot: a field people do not see (hidden by the stylesheet) and robots fill in;
- a reply goes to a public top-level comment of the same post and language.
"""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm

from comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment

# Error codes of the time check: a reader's form comes back to be sent again, not refused.
TOO_FAST, EXPIRED = "too_fast", "expired"


class CommentForm(CommentSecurityForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Shown with your comment. Nothing else about you is kept."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Markdown: *emphasis*, **bold**, [links](https://…), `code`, lists and > quotes."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    honeypot = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, target_object, data=None, initial=None, *, language: str, **kwargs):
        self.language = language
        kwargs.setdefault("label_suffix", "")  # labels sit above their fields: no colon
        super().__init__(target_object, data=data, initial=initial, **kwargs)

    def clean_timestamp(self) -> int:
        rendered_at = self.cleaned_data["timestamp"]
        age = time.time() - rendered_at
        if age < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was quick: read your comment once more and send it again."), code=TOO_FAST
            )
        if age > settings.COMMENTS_TIMEOUT:
            raise forms.ValidationError(
                _("This form was open for a long time: send your comment again."), code=EXPIRED
            )
        return rendered_at

    def clean_honeypot(self) -> str:
        if self.cleaned_data["honeypot"]:
            raise forms.ValidationError(_("Leave this field empty"), code="honeypot")
        return ""

    def clean_parent(self) -> Comment | None:
        pk = self.cleaned_data["parent"]
        if pk is None:
            return None
        parent = (
            Comment.objects.public()
            .on(self.target_object, self.language)
            .filter(pk=pk, parent__isnull=True)
            .first()
        )
        if parent is None:
            raise forms.ValidationError(_("You can reply to a published comment, not to a reply."))
        return parent

    def is_resendable(self) -> bool:
        """Refused only by the time check, with a valid signature: give the reader the form again."""
        if set(self.security_errors()) != {"timestamp"}:
            return False
        return self.has_error("timestamp", TOO_FAST) or self.has_error("timestamp", EXPIRED)

    def get_comment_object(self) -> Comment:
        """The new comment (unsaved), or the same comment sent a moment ago (a double click)."""
        if not self.is_valid():
            raise ValueError("get_comment_object may only be called on valid forms")
        data = self.cleaned_data
        comment = Comment(
            post=self.target_object,
            language=self.language,
            parent=data["parent"],
            name=data["name"],
            body=data["comment"],
            submit_date=timezone.now(),
        )
        earlier = (
            Comment.objects.on(self.target_object, self.language)
            .filter(name=comment.name, body=comment.body, submit_date__date=comment.submit_date.date())
            .first()
        )
        return earlier or comment

    def fresh(self) -> CommentForm:
        """A new form for the same post, with what the reader typed and a new signed timestamp."""
        keep = {name: self.data.get(name, "") for name in ("name", "comment", "parent")}
        return type(self)(self.target_object, initial=keep, language=self.language)

"""Posting a comment: a plain HTML form POST, answered with a redirect back to the post.

Why the form carries no CSRF token, and what protects it instead: post pages are served from the page
cache (`ops.page_cache`) to every anonymous reader, and a cached page must never carry anyone's session
or CSRF token. A `{% csrf_token %}` in the form would set the CSRF cookie on every post page and so stop
them being cached at all, or, on a page served from the cache, hand every reader the token of whoever
rendered it. CSRF protects what a visitor's cookies allow; this endpoint reads no cookie and no session
(a comment is anonymous: the name typed, nothing else), so a forged request can do nothing a robot could
not do directly. What stops robots and other sites instead:

- the form is signed (django-contrib-comments' `CommentSecurityForm`): the post and the moment the form
  was rendered, under SECRET_KEY; too fast or too old is sent back (`comments.forms`);
- a honeypot field, an `Origin` check and a per-address rate limit in the cache (`comments.spam`);
- every comment waits for an editor (`is_public=False`) before anyone sees it.

The page cache is safe with this design: the thread shows approved comments only (identical for every
reader), the form on a cached page is always empty, the answer to a POST is never cached (POST, and
`never_cache` for proxies), and the "awaits moderation" notice is `?comment=pending` on the post's URL: a
page of its own in the cache, the same for everyone, naming no one. A form sent back with an error holds
what its author typed and is only ever that POST's answer, with `Cache-Control: no-store`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_comments import get_form, signals

from blog.models import Post
from comments.models import Comment
from comments.notify import notify_authors
from comments.spam import from_this_site, over_the_limit
from ops.resilient_cache import CacheUnavailable

PENDING_PARAMETER = "comment"
PENDING_VALUE = "pending"


def active_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def commentable_posts(language: str):
    """Posts a reader may comment on in `language`: published there, comments turned on."""
    return Post.objects.published(language).filter(comment=True)


def refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return TemplateResponse(request, "comments/refused.html", {"message": message}, status=status)


def form_page(request: HttpRequest, form, *, post: Post, parent=None, message="", status=200):
    context = {"form": form, "post": post, "parent": parent, "message": message}
    return TemplateResponse(request, "comments/form_page.html", context, status=status)


@csrf_exempt  # see the module's docstring: signed form, honeypot, Origin check, rate limit, moderation
@never_cache
@require_POST
def post_comment(request: HttpRequest) -> HttpResponse:
    if not from_this_site(request):
        return refused(request, _("Comments can only be sent from this site's pages."), 403)
    try:
        if over_the_limit(request):
            return refused(request, _("Too many comments from your connection. Try again later."), 429)
    except CacheUnavailable:
        return refused(request, _("Comments are unavailable for a moment. Try again in a minute."), 503)
    language = active_language()
    if request.POST.get("content_type") != "blog.post":
        return refused(request, _("This comment could not be sent."), 400)
    post = get_object_or_404(commentable_posts(language), pk=_as_int(request.POST.get("object_pk")))
    form = get_form()(post, data=request.POST, language=language)
    if form.is_resendable():
        message = " ".join(form.errors["timestamp"])
        return form_page(request, form.fresh(), post=post, message=message, status=400)
    if form.security_errors():
        return refused(request, _("This comment could not be sent."), 400)
    if not form.is_valid():
        return form_page(request, form, post=post, status=400)
    return save_and_return(request, form.get_comment_object())


def save_and_return(request: HttpRequest, comment: Comment) -> HttpResponse:
    if comment.pk is None:  # not the repeat of one just sent
        # django-contrib-comments' signals: a receiver answering False refuses the comment.
        answers = signals.comment_will_be_posted.send(sender=Comment, comment=comment, request=request)
        if any(answer is False for _receiver, answer in answers):
            return refused(request, _("This comment could not be sent."), 400)
        comment.save()
        signals.comment_was_posted.send(sender=Comment, comment=comment, request=request)
        if settings.COMMENTS_NOTIFY_AUTHORS:
            change = reverse("admin:comments_comment_change", args=[comment.pk])
            admin_url = request.build_absolute_uri(change)
            transaction.on_commit(lambda: notify_authors(comment, admin_url), robust=True)
    url = comment.post.get_absolute_url(comment.language)
    return HttpResponseRedirect(f"{url}?{PENDING_PARAMETER}={PENDING_VALUE}#comments")


@require_GET
def reply_form(request: HttpRequest, pk: int) -> HttpResponse:
    """A page with the form to answer one comment: replies without JavaScript. Cacheable: the form is empty
    and the comment public, as on the post's page."""
    language = active_language()
    parent = get_object_or_404(
        Comment.objects.public().filter(language=language, parent__isnull=True).select_related("post"),
        pk=pk,
        post__in=commentable_posts(language),
    )
    form = get_form()(parent.post, initial={"parent": parent.pk}, language=language)
    return form_page(request, form, post=parent.post, parent=parent)


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

"""An e-mail to the post's authors when a comment waits for moderation (`COMMENTS_NOTIFY_AUTHORS`).

Sent after the comment is committed, through Django's mail back end (the console one unless `EMAIL_BACKEND`
says otherwise), in the site's default language, to the authors who have an e-mail address. A failure to
send is logged and leaves the comment in place.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from comments.models import Comment


def author_addresses(comment: Comment) -> list[str]:
    return sorted({author.email for author in comment.post.authors.all() if author.email})


def notify_authors(comment: Comment, admin_url: str) -> int:
    """Send the notice; the number of messages sent (0 when no author has an address)."""
    recipients = author_addresses(comment)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        title = comment.post.translated("title", comment.language) or str(comment.post)
        subject = _("New comment on “%(title)s” awaits moderation") % {"title": title}
        body = "\n\n".join(
            [
                _("%(name)s wrote on “%(title)s” (%(language)s):")
                % {"name": comment.name, "title": title, "language": comment.language},
                comment.body,
                _("Approve or reject it: %(url)s") % {"url": admin_url},
            ]
        )
    return send_mail(subject, body, None, recipients)

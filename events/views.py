"""Event pages: the listing (upcoming, to be confirmed, posts about events, past), an event's page, and its
calendars (.ics)."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.generic import DetailView, TemplateView

from blog.models import Post
from blog.rendering import render_markdown
from events import formatting, ics, listing
from events.models import Event
from previews.access import PreviewMixin

PAST_EVENTS_PER_PAGE = 20
# Posts filed in the `events` section: their listing would be /events/, which is this page, so it lists them.
EVENTS_SECTION = "events"
SECTION_POSTS_PARAMETER = "posts"
OPENSTREETMAP_SEARCH = "https://www.openstreetmap.org/search"


def render_description(text: str) -> SafeString:
    """The description as sanitised HTML, by the blog's one Markdown renderer (nh3 allow-list)."""
    return mark_safe(render_markdown(text).html)  # noqa: S308 - the renderer sanitises with nh3


def openstreetmap_url(event: Event) -> str:
    """A search link for the place on OpenStreetMap (a link: no embedded map, no third-party requests)."""
    return f"{OPENSTREETMAP_SEARCH}?{urlencode({'query': event.place})}" if event.place else ""


def related_posts(event: Event, language: str) -> list[dict]:
    """The event's live posts: those in `language` first, then those only in other languages, marked."""
    in_language = list(event.posts.published(language).order_by("-date"))
    others = event.posts.live().not_published_in(language).order_by("-date")
    entries = [
        {"post": post, "language": language, "url": post.get_absolute_url(language)} for post in in_language
    ]
    for post in others:
        languages = post.languages()
        if languages:
            entries.append(
                {"post": post, "language": languages[0], "url": post.get_absolute_url(languages[0])}
            )
    return entries


def event_json_ld(event: Event, page_url: str) -> SafeString:
    """schema.org `Event` data for search engines, with only the facts we hold (no invented fields)."""
    data = {"@context": "https://schema.org", "@type": "Event", "name": event.name, "url": page_url}
    for key, moment in (("startDate", event.local_start), ("endDate", event.local_end)):
        if moment:
            data[key] = formatting.machine_readable(event, moment)
    if event.summary:
        data["description"] = event.summary
    if event.place:
        address = {"@type": "PostalAddress"}
        address.update(
            {
                key: value
                for key, value in (("addressLocality", event.city), ("addressCountry", event.country))
                if value
            }
        )
        data["location"] = {"@type": "Place", "name": event.venue or event.place, "address": address}
    text = json.dumps(data, ensure_ascii=False)
    # The same escapes as Django's json_script: the data cannot close its <script> element.
    return mark_safe(text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026"))  # noqa: S308


def calendar_host(request: HttpRequest) -> str:
    """The host part of event UIDs: the configured site, so UIDs do not change with the host a reader used."""
    return urlsplit(settings.SITE_URL).hostname or request.get_host().split(":")[0]


def section_posts_page(request: HttpRequest):
    """A page of the live posts of the `events` section in the active language, newest first (`?posts=N`)."""
    posts = Post.objects.published(translation.get_language()).filter(section=EVENTS_SECTION)
    return Paginator(posts, settings.BLOG_POSTS_PER_PAGE).get_page(request.GET.get(SECTION_POSTS_PARAMETER))


class EventListView(TemplateView):
    """Upcoming events, events whose date is to be confirmed, the posts of the `events` section, then past
    events (with the undated ones nobody has written about lately: `events.listing`)."""

    template_name = "events/event_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        past_page = Paginator(listing.past_events(now), PAST_EVENTS_PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            meta_title=gettext("Events"),
            meta_description=gettext("Events the community runs and attends: upcoming and past."),
            upcoming_events=list(Event.objects.public().upcoming(now)),
            past_page=past_page,
            past_events=list(past_page.object_list),
            # Undated events still in the news; older ones are among the past events (events.listing).
            undated_events=list(listing.to_be_confirmed(now)),
            posts_page=section_posts_page(self.request),
        )
        return context


class EventDetailView(PreviewMixin, DetailView):
    model = preview_model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        # Staff who may change events also see those readers do not (yet), as previews (`previews`).
        return listing.with_reported_at(Event.objects.all() if self.previewer else Event.objects.public())

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        if self.previewer:
            public = Event.objects.public().filter(pk=event.pk).exists()
            if not self.shows(event, translation.get_language(), public=public):
                raise Http404("no such event")
        return event

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context.update(
            meta_title=event.name,
            meta_description=event.summary or event.description,
            og_image=event.cover.url if event.cover else "",
            event_json_ld=event_json_ld(event, self.request.build_absolute_uri(event.get_absolute_url())),
            description_html=render_description(event.description) if event.description else "",
            map_url=openstreetmap_url(event),
            related_posts=related_posts(event, translation.get_language()),
        )
        return context


def calendar_response(
    request: HttpRequest, events, *, name: str, filename: str | None = None
) -> HttpResponse:
    body = ics.calendar_for(
        events=events,
        host=calendar_host(request),
        url_for=lambda event: request.build_absolute_uri(event.get_absolute_url()),
        name=name,
        language=translation.get_language(),
    )
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """One event as an .ics file ("Add to calendar")."""
    event = Event.objects.public().filter(slug=slug, starts_at__isnull=False).first()
    if event is None:
        raise Http404(gettext("No dated event with that address."))
    return calendar_response(request, [event], name=event.name, filename=f"{event.slug}.ics")


def all_events_calendar(request: HttpRequest) -> HttpResponse:
    """Every dated event, to subscribe to."""
    name = gettext("%(site)s events") % {"site": settings.SITE_NAME}
    return calendar_response(
        request, Event.objects.public().filter(starts_at__isnull=False).order_by("starts_at"), name=name
    )

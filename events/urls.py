"""Event URLs (inside i18n_patterns, under /events/).

A post in the `events` section lives at /events/<yyyy>/<mm>/<slug>/ (blog:post-detail): every pattern here is
a single path segment (plus the .ics file), so nothing shadows it, and `calendar.ics` cannot be a slug.
"""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("calendar.ics", views.all_events_calendar, name="calendar"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/event.ics", views.event_calendar, name="event-calendar"),
]

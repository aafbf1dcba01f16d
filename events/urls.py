"""Event URLs (inside i18n_patterns)."""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
]

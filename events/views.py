"""Event pages."""

from django.views.generic import DetailView, ListView

from events.models import Event


class EventListView(ListView):
    model = Event
    template_name = "events/event_list.html"


class EventDetailView(DetailView):
    model = Event
    template_name = "events/event_detail.html"

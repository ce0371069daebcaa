"""News and events pages (issue 14): lists, detail pages and each event's iCalendar file."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from catalogue.models import Event, NewsItem
from catalogue.opendata.ical import calendar_of, upcoming_calendar
from catalogue.search.filters import EventFilterSet, NewsFilterSet
from catalogue.views.listing import listing_page


def news_list(request):
    return listing_page(
        request,
        filterset_class=NewsFilterSet,
        queryset=NewsItem.objects.published().for_listing(),
        template="catalogue/news_list.html",
        per_page=settings.CATALOGUE_PAGE_SIZE,
        name="news_items",
    )


def _event_list(request, queryset, archive: bool):
    # ?when= belongs to the API: the page itself says which events it lists.
    query = request.GET.copy()
    query.pop("when", None)
    request.GET = query
    response = listing_page(
        request,
        filterset_class=EventFilterSet,
        queryset=queryset.for_listing(),
        template="catalogue/event_list.html",
        per_page=settings.CATALOGUE_PAGE_SIZE,
        name="events",
        extra_context={"archive": archive},
    )
    return response


def event_list(request):
    """Upcoming events (not over yet), soonest first; past ones are in the archive."""
    return _event_list(request, Event.objects.published().upcoming(), archive=False)


def event_archive(request):
    return _event_list(request, Event.objects.published().past(), archive=True)


class NewsDetailView(DetailView):
    template_name = "catalogue/news_detail.html"
    context_object_name = "news_item"

    def get_queryset(self):
        return NewsItem.objects.published().for_detail()


class EventDetailView(DetailView):
    template_name = "catalogue/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().for_detail()


def _ical_response(calendar, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_ical(request, slug):
    """One published event as an iCalendar file, to add to a calendar."""
    event = get_object_or_404(Event.objects.published().select_related("institution"), slug=slug)
    return _ical_response(calendar_of([event], request), f"{event.slug}.ics", attachment=True)


def upcoming_events_ical(request):
    """The calendar feed of upcoming events, for calendar applications to subscribe to."""
    return _ical_response(upcoming_calendar(request), "events.ics", attachment=False)

"""iCalendar (RFC 5545) of events, written with the icalendar library (line folding, escaping
and value types are its job, not ours).

An all-day event is a DATE from its first day to the day after its last (DTEND is exclusive);
a timed event is in UTC, so no time-zone definition is needed. Texts are in the active
language, falling back to the event's own (``Event.localized``)."""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Event


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def event_component(event: Event, request=None) -> icalendar.Event:
    item = icalendar.Event()
    # A stable identifier, so calendars update the event rather than duplicate it.
    host = request.get_host() if request is not None else "reuse"
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", event.updated.astimezone(datetime.UTC))
    item.add("last-modified", event.updated.astimezone(datetime.UTC))
    item.add("created", event.created.astimezone(datetime.UTC))
    if event.all_day:
        item.add("dtstart", event.start_date)
        item.add("dtend", event.end_date + datetime.timedelta(days=1))
    else:
        item.add("dtstart", event.start.astimezone(datetime.UTC))
        item.add("dtend", event.end.astimezone(datetime.UTC))
    item.add("summary", str(event.localized("title")))
    url = _absolute(request, event.get_absolute_url())
    description = [str(event.localized("summary"))]
    if event.online_url:
        description.append(_("Online: %(url)s") % {"url": event.online_url})
    if event.registration_url:
        description.append(_("Registration: %(url)s") % {"url": event.registration_url})
    description.append(url)
    item.add("description", "\n\n".join(description))
    place = str(event.localized("place"))
    if place or event.online_url:
        item.add("location", place or event.online_url)
    item.add("url", url)
    if event.institution.contact_email:
        item.add(
            "organizer",
            f"mailto:{event.institution.contact_email}",
            parameters={"CN": event.institution.display_name},
        )
    item.add("status", "CONFIRMED")
    return item


def calendar_of(events, request=None, name: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ReUse//Catalogue events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar


def upcoming_calendar(request):
    """The iCalendar feed of upcoming published events (at most a year's worth)."""
    events = (
        Event.objects.published()
        .upcoming()
        .filter(start_date__lte=timezone.localdate() + datetime.timedelta(days=366))
        .select_related("institution")[:200]
    )
    return calendar_of(events, request, name=_("ReUse: upcoming events"))

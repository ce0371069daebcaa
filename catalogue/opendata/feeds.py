"""RSS and Atom feeds of new and updated components and of case studies (whole catalogue or one
institution's). Published entries only.

Titles are in the feed's language (English, else the entry's own); descriptions carry the text
in every language the entry has, each paragraph marked with its ``lang``."""

import datetime
import re

from django.contrib.syndication.views import Feed as DjangoFeed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from catalogue.models import CaseStudy, Component, Event, Institution, NewsItem

FEED_SIZE = 50
# Characters XML 1.0 cannot hold. The models refuse them now; text stored before must not
# break a feed for everyone.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Feed(DjangoFeed):
    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for values in [feed.feed, *feed.items]:
            for key, value in values.items():
                if isinstance(value, str):
                    values[key] = NOT_IN_XML.sub("", value)
        return feed


def in_every_language(item, title_field: str, text_field: str) -> str:
    """One paragraph per language the entry has the text in (its own language first): the
    title in that language when it exists, then the text."""
    texts = item.variants(text_field)
    titles = item.variants(title_field)
    languages = sorted(texts, key=lambda code: code != item.original_language)
    return format_html_join(
        "\n",
        '<p lang="{}">{}{}</p>',
        (
            (
                code,
                format_html("<strong>{}</strong> — ", titles[code]) if code in titles else "",
                texts[code],
            )
            for code in languages
        ),
    )


class ComponentFeed(Feed):
    description = _("New and updated reusable components of the catalogue.")

    def get_object(self, request, slug=None):
        return get_object_or_404(Institution, slug=slug) if slug else None

    def title(self, institution):
        if institution:
            return _("ReUse: components of %(name)s") % {"name": institution.display_name}
        return _("ReUse: new and updated components")

    def link(self, institution):
        return (
            institution.get_absolute_url() if institution else reverse("catalogue:component-list")
        )

    def items(self, institution):
        components = Component.objects.published().select_related("owner")
        if institution:
            components = components.filter(owner=institution)
        return components.order_by("-updated")[:FEED_SIZE]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        return in_every_language(item, "name", "short_description")

    def item_author_name(self, item):
        return item.owner.display_name

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_guid(self, item):
        return f"{item.get_absolute_url()}#{item.updated.isoformat()}"

    item_guid_is_permalink = False


class ComponentAtomFeed(ComponentFeed):
    feed_type = Atom1Feed
    subtitle = ComponentFeed.description


class CaseStudyFeed(Feed):
    description = _("Case studies of software reuse.")

    def get_object(self, request, slug=None):
        return get_object_or_404(Institution, slug=slug) if slug else None

    def title(self, institution):
        if institution:
            return _("ReUse: case studies of %(name)s") % {"name": institution.display_name}
        return _("ReUse: case studies")

    def link(self, institution):
        return (
            institution.get_absolute_url() if institution else reverse("catalogue:casestudy-list")
        )

    def items(self, institution):
        cases = CaseStudy.objects.published().select_related("institution")
        if institution:
            cases = cases.filter(institution=institution)
        return cases.order_by("-updated")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return in_every_language(item, "title", "summary")

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated


class CaseStudyAtomFeed(CaseStudyFeed):
    feed_type = Atom1Feed
    subtitle = CaseStudyFeed.description


# ---- news and events (issue 14) -------------------------------------------------------------


class NewsFeed(Feed):
    description = _("News of the catalogue and of its institutions.")

    def title(self):
        return _("ReUse: news")

    def link(self):
        return reverse("catalogue:news-list")

    def items(self):
        return NewsItem.objects.published().select_related("institution")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return in_every_language(item, "title", "summary")

    def item_author_name(self, item):
        return item.institution.display_name

    def item_pubdate(self, item):
        # The publication date the item states, at midnight where the catalogue is.
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time()))

    def item_updateddate(self, item):
        return item.updated


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class EventFeed(Feed):
    description = _("Upcoming events about reuse, soonest first.")

    def title(self):
        return _("ReUse: upcoming events")

    def link(self):
        return reverse("catalogue:event-list")

    def items(self):
        return Event.objects.published().upcoming().select_related("institution")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        when = date_format(item.start_date)
        if item.end_date != item.start_date:
            when = f"{when} – {date_format(item.end_date)}"
        return format_html("<p>{}</p>\n{}", when, in_every_language(item, "title", "summary"))

    def item_author_name(self, item):
        return item.institution.display_name

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed
    subtitle = EventFeed.description

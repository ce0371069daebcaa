"""The sitemap: published components and case studies, institutions, projects, key pages.

``/sitemap.xml`` is an index of the sections' pages (``/sitemap-<section>.xml?p=N``), each page
far under the protocol's 50,000 URLs, so no response grows with the catalogue. Every page is
listed in each language, with its other languages as ``hreflang`` alternates (and the
unprefixed English address as ``x-default``).

A new section is a ``Sitemap`` subclass in ``SITEMAPS``: ``items()`` (a queryset ordered on a
unique key, loading only what ``location``/``lastmod`` read) and, for dated entries,
``lastmod_field``. Paging reads one page of rows; the index counts rows and takes one MAX.
"""

from math import ceil
from xml.sax.saxutils import escape, quoteattr

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import http_date
from django.utils.timezone import localtime

from catalogue.models import CaseStudy, Component, Event, Institution, NewsItem, Project

# Entries per sitemap page: each gives one URL per language (3), each URL carries its
# alternates (4), so a page stays under 500 KB (no page of the site is larger) and renders in
# about 150 ms (the protocol allows 50,000 URLs and 50 MB; crawlers read an index of small
# pages as well).
ENTRIES_PER_PAGE = 250


class InEveryLanguage:
    """``(item, language)`` pairs of a queryset or list, read lazily: counting counts the rows,
    slicing reads only the rows of the slice (Django's i18n sitemaps build the whole list)."""

    def __init__(self, items, languages):
        self.items, self.languages = items, list(languages)

    def count(self):
        items = self.items
        total = len(items) if isinstance(items, list) else items.count()
        return total * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("sitemap pages are read by slices")
        per = len(self.languages)
        start, stop = index.start or 0, index.stop
        rows = self.items[start // per : ceil(stop / per)]
        pairs = [(item, language) for item in rows for language in self.languages]
        offset = start - (start // per) * per
        return pairs[offset : offset + (stop - start)]


class Sitemap(DjangoSitemap):
    i18n = True
    alternates = True
    x_default = True
    lastmod_field = None  # a dated section: the field of lastmod and the index's latest date

    @property
    def limit(self):
        return ENTRIES_PER_PAGE * len(self._languages())

    def _items(self):
        return InEveryLanguage(self.items(), self._languages())

    def _location(self, item, force_lang_code=None):
        # Django asks for each entry's address in each language five times (as a URL and as
        # every URL's alternates): reverse it once per language.
        obj, language = item
        key = (id(obj), force_lang_code or language)
        cache = self.__dict__.setdefault("_locations", {})
        if key not in cache:
            cache[key] = super()._location(item, force_lang_code)
        return cache[key]

    def get_latest_lastmod(self):
        if self.lastmod_field is None:
            return None
        return self.items().aggregate(latest=Max(self.lastmod_field))["latest"]

    def lastmod(self, item):
        return getattr(item, self.lastmod_field) if self.lastmod_field else None


class ComponentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    lastmod_field = "updated"

    def items(self):
        return Component.objects.published().only("slug", "updated").order_by("slug")


class CaseStudySitemap(Sitemap):
    changefreq = "monthly"
    lastmod_field = "updated"

    def items(self):
        return CaseStudy.objects.published().only("slug", "updated").order_by("slug")


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated


class EventSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Event.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated


class InstitutionSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Institution.objects.only("slug").order_by("slug")


class ProjectSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Project.objects.only("slug").order_by("slug")


class PageSitemap(Sitemap):
    priority = 0.6

    def items(self):
        return [
            "catalogue:home", "catalogue:component-list", "catalogue:institution-list",
            "catalogue:project-list", "catalogue:casestudy-list", "catalogue:roi-dashboard",
            "catalogue:roi-calculator", "catalogue:roi-method", "catalogue:about",
            "catalogue:news-list", "catalogue:event-list", "catalogue:event-archive",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "components": ComponentSitemap,
    "case-studies": CaseStudySitemap,
    "institutions": InstitutionSitemap,
    "projects": ProjectSitemap,
    "news": NewsSitemap,
    "events": EventSitemap,
}


@x_robots_tag
def section(request, section: str):
    """One page of a section (``?p=N``): Django's sitemap view, written out directly rather
    than through its template, which takes seconds over a page's 1,500 URLs and 6,000
    alternates."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = SITEMAPS[section]()
    try:
        urls = sitemap.get_urls(
            page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from None
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{localtime(url['lastmod']):%Y-%m-%d}</lastmod>")
        if url["changefreq"]:
            parts.append(f"<changefreq>{url['changefreq']}</changefreq>")
        if url["priority"]:
            parts.append(f"<priority>{url['priority']}</priority>")
        for alternate in url["alternates"]:
            parts.append(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(alternate["lang_code"])} '
                f"href={quoteattr(alternate['location'])}/>"
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response

"""The sitemap: published components and case studies, institutions, projects, key pages.

Every page is listed in each language, with its other languages as ``hreflang`` alternates
(and the unprefixed English address as ``x-default``)."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from catalogue.models import CaseStudy, Component, Event, Institution, NewsItem, Project


class Sitemap(DjangoSitemap):
    i18n = True
    alternates = True
    x_default = True


class ComponentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Component.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated


class CaseStudySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return CaseStudy.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated


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
        return Institution.objects.order_by("slug")


class ProjectSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Project.objects.order_by("slug")


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

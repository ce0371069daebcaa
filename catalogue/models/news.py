"""News items and events: what the catalogue's editors and institutions announce (issue 14).

Both follow the review workflow of case studies (``publication``: draft -> submitted ->
published), belong to one institution (whose submitters maintain them) and are written in one
language with translations (``catalogue/translation.py``). An event's day and times are kept
apart: the report dates events by the day only, and an event without times is an all-day
event (no invented hour).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.markdown import render_markdown

from .multilingual import MultilingualEntry, language_field
from .publishing import PublishableQuerySet, ReviewedEntry

IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]
# How many related news items a component or institution page lists.
RELATED_NEWS_SIZE = 5


class AnnouncementQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("institution")

    def for_detail(self):
        """Everything a detail page shows, in a fixed number of queries: related entries are
        the published ones only."""
        from catalogue.models import CaseStudy, Component

        return self.select_related("institution").prefetch_related(
            models.Prefetch(
                "components",
                queryset=Component.objects.published().select_related("owner").order_by("name"),
            ),
            models.Prefetch(
                "case_studies", queryset=CaseStudy.objects.published().order_by("title")
            ),
            models.Prefetch("institutions", queryset=_institutions().order_by("name")),
        )

    def about_institution(self, institution):
        """Owned by the institution or naming it among the related institutions."""
        return self.filter(
            models.Q(institution=institution)
            | models.Q(
                pk__in=self.model.institutions.through.objects.filter(
                    institution=institution
                ).values(f"{self.model._meta.model_name}_id")
            )
        )


def _institutions():
    from catalogue.models import Institution

    return Institution.objects.all()


class Announcement(MultilingualEntry, ReviewedEntry):
    """What news items and events share."""

    translated_fields = ("title", "summary", "body", "image_alt")
    required_translated_fields = ("title", "summary")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown. Rendered sanitised."))
    image = models.ImageField(
        _("image"),
        upload_to="news/%Y/",
        blank=True,
        validators=[FileExtensionValidator(IMAGE_EXTENSIONS)],
        help_text=_("JPEG, PNG, GIF or WebP. Give its text alternative below."),
    )
    image_alt = models.CharField(
        _("image text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it. Required with an image."),
    )
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="owned_%(class)ss",
        help_text=_("The institution that publishes it; its submitters maintain it."),
    )
    components = models.ManyToManyField(
        "catalogue.Component",
        verbose_name=_("related components"),
        related_name="%(class)ss",
        blank=True,
    )
    case_studies = models.ManyToManyField(
        "catalogue.CaseStudy",
        verbose_name=_("related case studies"),
        related_name="%(class)ss",
        blank=True,
    )
    institutions = models.ManyToManyField(
        "catalogue.Institution",
        verbose_name=_("related institutions"),
        related_name="related_%(class)ss",
        blank=True,
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    language = language_field()

    class Meta(ReviewedEntry.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.save_in_original_language(super().save, *args, **kwargs)

    def clean(self):
        super().clean()
        self.clean_translations()
        if self.image and not self.text_in("image_alt", self.original_language):
            raise ValidationError(
                {
                    f"image_alt_{self.original_language}": _(
                        "Describe the image: a text alternative is required with an image."
                    )
                }
            )

    @property
    def body_html(self):
        return render_markdown(self.body)


class NewsItem(Announcement):
    date = models.DateField(_("publication date"), default=datetime.date.today)
    objects = AnnouncementQuerySet.as_manager()
    # history: registered in catalogue/translation.py, after the translation fields

    class Meta(Announcement.Meta):
        ordering = ["-date", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [models.Index(fields=["publication", "-date"], name="news_listing")]

    def get_absolute_url(self):
        return reverse("catalogue:news-detail", args=[self.slug])


class EventQuerySet(AnnouncementQuerySet):
    def upcoming(self, today: datetime.date | None = None):
        """Not over yet (ending today or later), soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "id")

    def past(self, today: datetime.date | None = None):
        """Over (ended before today), latest first: the archive."""
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "-id")


class Event(Announcement):
    translated_fields = (*Announcement.translated_fields, "place")

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Empty for an all-day event.")
    )
    end_date = models.DateField(_("end date"), help_text=_("The same as the start for one day."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Where it takes place, if on site.")
    )
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    registration_url = models.URLField(_("registration link"), blank=True, max_length=500)
    objects = EventQuerySet.as_manager()

    class Meta(Announcement.Meta):
        ordering = ["-start_date", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["publication", "end_date"], name="event_listing")]

    def get_absolute_url(self):
        return reverse("catalogue:event-detail", args=[self.slug])

    def get_ical_url(self):
        return reverse("catalogue:event-ical", args=[self.slug])

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors.setdefault("end_date", []).append(
                    _("The event cannot end before it starts.")
                )
            elif (
                self.end_date == self.start_date
                and self.start_time
                and self.end_time
                and self.end_time < self.start_time
            ):
                errors.setdefault("end_time", []).append(
                    _("The event cannot end before it starts.")
                )
        if self.end_time and not self.start_time:
            errors.setdefault("start_time", []).append(
                _("Give the start time too, or neither (an all-day event).")
            )
        if not self.text_in("place", self.original_language) and not self.online_url:
            errors.setdefault(f"place_{self.original_language}", []).append(
                _("Give a place, an online link, or both.")
            )
        if errors:
            raise ValidationError(errors)

    @property
    def date(self):
        """The day the event starts (what cards and lists date it by)."""
        return self.start_date

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def start(self) -> datetime.date | datetime.datetime:
        """The start: a day for an all-day event, else an aware date and time."""
        return self._moment(self.start_date, self.start_time)

    @property
    def end(self) -> datetime.date | datetime.datetime:
        """The end: the last day of an all-day event, else an aware date and time (the start
        time when no end time is given)."""
        if self.all_day:
            return self.end_date
        return self._moment(self.end_date, self.end_time or self.start_time)

    @staticmethod
    def _moment(day, time):
        if time is None:
            return day
        return timezone.make_aware(datetime.datetime.combine(day, time))

    def is_past(self, today: datetime.date | None = None) -> bool:
        return self.end_date < (today or timezone.localdate())

"""Harvesting publiccode.yml files: the sources institutions publish them at, and a log per
source and run (catalogue/publiccode/harvest.py does the work, `manage.py harvest` runs it).

A source never removes nor unpublishes anything: a file that turns invalid or a server that
stops answering flags the source, and its entry stays as it was.
"""

from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import validate_web_url


class HarvestStatus(models.TextChoices):
    NEVER = "never", _("Not harvested yet")
    FETCHED = "fetched", _("Fetched")
    UNCHANGED = "unchanged", _("Unchanged")
    INVALID = "invalid", _("Invalid")
    UNREACHABLE = "unreachable", _("Unreachable")


def local_path(location: str) -> Path | None:
    """The local path a source names (``file://`` URL or absolute path), else None."""
    if location.startswith("file://"):
        return Path(urlparse(location).path)
    if location.startswith("/"):
        return Path(location)
    return None


def validate_source_location(value: str) -> None:
    """An http(s) address; local files only under a folder the server allows
    (HARVEST_LOCAL_ROOTS), so an institution cannot make the server read its own files."""
    path = local_path(value)
    if path is None:
        validate_web_url(value)
        return
    roots = [Path(root).resolve() for root in settings.HARVEST_LOCAL_ROOTS]
    resolved = path.resolve()
    if not any(resolved.is_relative_to(root) for root in roots):
        raise ValidationError(
            _("Enter an http(s) address of a publiccode.yml file or of a repository."),
            code="local_path_not_allowed",
        )


class HarvestSource(models.Model):
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="harvest_sources",
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        validators=[validate_source_location],
        help_text=_(
            "The address of a publiccode.yml file, or of the repository that holds one at its "
            "root (for example https://github.com/owner/name)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    etag = models.CharField(_("last ETag"), max_length=300, blank=True, editable=False)
    last_modified = models.CharField(
        _("last Last-Modified"), max_length=100, blank=True, editable=False
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    last_status = models.CharField(
        _("last status"),
        max_length=12,
        choices=HarvestStatus.choices,
        default=HarvestStatus.NEVER,
        editable=False,
    )
    last_checked = models.DateTimeField(_("last checked"), null=True, editable=False)
    last_message = models.TextField(_("last message"), blank=True, editable=False)
    flagged = models.BooleanField(
        _("flagged"),
        default=False,
        editable=False,
        help_text=_("Its last harvest failed (invalid or unreachable); its entry is kept."),
    )
    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("entry"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="harvest_sources",
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["institution", "url"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")
        constraints = [
            models.UniqueConstraint(fields=["institution", "url"], name="harvest_source_unique")
        ]

    def __str__(self):
        return self.url


class HarvestRun(models.Model):
    """One run of `manage.py harvest`."""

    started = models.DateTimeField(_("started"), auto_now_add=True)
    finished = models.DateTimeField(_("finished"), null=True)
    institution = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("only for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-started"]
        verbose_name = _("harvest run")
        verbose_name_plural = _("harvest runs")

    def __str__(self):
        return f"{self.started:%Y-%m-%d %H:%M:%S}"


class HarvestLog(models.Model):
    """What one run found at one source, and what it did."""

    run = models.ForeignKey(HarvestRun, on_delete=models.CASCADE, related_name="logs")
    source = models.ForeignKey(
        HarvestSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="logs"
    )
    time = models.DateTimeField(_("time"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=HarvestStatus.choices)
    message = models.TextField(_("message"), blank=True)
    # Validation problems ("key: message") and the import's per-key report.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    report = models.JSONField(_("import report"), default=list, blank=True)
    component = models.ForeignKey(
        "catalogue.Component",
        verbose_name=_("entry touched"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("harvest log")
        verbose_name_plural = _("harvest logs")

    def __str__(self):
        return f"{self.source} {self.get_status_display()}"

"""The catalogue's public state: a counter and a time, moved on by every write that can change
what the public sees (catalogue.signals). The API's validators (Last-Modified) include it, so a
conditional request never gets 304 after a related entry changed."""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SINGLETON = 1


class CatalogueState(models.Model):
    version = models.PositiveBigIntegerField(_("version"), default=0)
    changed = models.DateTimeField(_("last public change"), default=timezone.now)

    class Meta:
        verbose_name = _("catalogue state")

    def __str__(self):
        return f"#{self.version} ({self.changed:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls) -> "CatalogueState":
        state = cls.objects.filter(pk=SINGLETON).first()
        if state is None:
            state, _created = cls.objects.get_or_create(pk=SINGLETON)
        return state

    @classmethod
    def bump(cls) -> None:
        if not cls.objects.filter(pk=SINGLETON).update(
            version=F("version") + 1, changed=timezone.now()
        ):
            cls.objects.get_or_create(pk=SINGLETON)

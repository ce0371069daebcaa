"""Optimistic locking: a version number on the entries people edit.

Every save of a versioned entry increments ``version``. An edit form (and a pending change)
carries the version it was based on; saving it over a newer version raises ``StaleVersion``
instead of silently overwriting what someone saved in between. The check and the increment
happen in one place, ``Versioned.save``, under a row lock (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite, transactions take the database's write lock when they begin).
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """The entry was saved by someone else since the edit began."""

    def __init__(self, entry, expected: int, current: int):
        super().__init__(f"{entry!r}: based on version {expected}, now {current}")
        self.entry = entry
        self.expected = expected
        self.current = current


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        expected = getattr(self, "_expected_version", None)
        self._expected_version = None
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or self._state.db or "default"
        with transaction.atomic(using=using):
            current = (
                type(self)
                ._base_manager.using(using)
                .select_for_update()
                .filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current is not None:
                if expected is not None and current != expected:
                    raise StaleVersion(self, expected, current)
                self.version = current + 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            return super().save(*args, **kwargs)

    def expect_version(self, version: int | None) -> None:
        """The version the next save must find stored (None: no check)."""
        self._expected_version = version

    @classmethod
    def bump_versions(cls, pks) -> None:
        """A change shown on these entries' forms was made elsewhere (a symmetrical relation,
        a project's reuse row): forms opened before must not overwrite it."""
        cls._base_manager.filter(pk__in=list(pks)).update(version=F("version") + 1)

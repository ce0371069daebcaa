"""Facts of software entries that publiccode.yml states and the catalogue keeps (issue 11).

Kept as data close to the standard's own shape (lists and mappings in JSON fields) so an import
stores what the file says, an export writes it back unchanged, and a pending change can carry
them like any other field. Empty means "not stated": pages say so, exports leave them out.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SoftwareType(models.TextChoices):
    # The standard's softwareType values.
    STANDALONE_MOBILE = "standalone/mobile", _("Mobile application")
    STANDALONE_IOT = "standalone/iot", _("Internet of things application")
    STANDALONE_DESKTOP = "standalone/desktop", _("Desktop application")
    STANDALONE_WEB = "standalone/web", _("Web application")
    STANDALONE_BACKEND = "standalone/backend", _("Back-end service")
    STANDALONE_OTHER = "standalone/other", _("Stand-alone software (other)")
    ADDON = "addon", _("Add-on")
    LIBRARY = "library", _("Library")
    CONFIGURATION_FILES = "configurationFiles", _("Configuration files")


class MaintenanceType(models.TextChoices):
    INTERNAL = "internal", _("Internal: the owner maintains it")
    CONTRACT = "contract", _("Under contract with a supplier")
    COMMUNITY = "community", _("By a community")
    NONE = "none", _("Not maintained")


DEPENDENCY_KINDS = ("open", "proprietary", "hardware")
DEPENDENCY_KEYS = ("name", "versionMin", "versionMax", "version", "optional")
CONTRACTOR_KEYS = ("name", "until", "email", "website")
RELEASE_KEYS = ("version", "date")


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _records(value, keys, *, required=("name",)) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict)
        and set(item) <= set(keys)
        and all(isinstance(item.get(key), str) and item[key] for key in required)
        and all(isinstance(item[key], str) for key in item if key != "optional")
        for item in value
    )


class SoftwareFacts(models.Model):
    """Abstract: the publiccode.yml facts of a component (platforms, software type,
    maintenance, contractors, dependencies outside the catalogue, releases, localisation)."""

    software_type = models.CharField(
        _("software type"), max_length=20, choices=SoftwareType.choices, blank=True
    )
    platforms = models.JSONField(
        _("platforms"),
        default=list,
        blank=True,
        help_text=_('A list, for example ["web", "linux", "android"]. Empty when not stated.'),
    )
    maintenance_type = models.CharField(
        _("maintenance"), max_length=10, choices=MaintenanceType.choices, blank=True
    )
    contractors = models.JSONField(
        _("maintenance contractors"),
        default=list,
        blank=True,
        help_text=_(
            'A list of {"name", "until" (YYYY-MM-DD), "email", "website"}. Empty when not stated.'
        ),
    )
    external_dependencies = models.JSONField(
        _("dependencies (as the software states them)"),
        default=dict,
        blank=True,
        help_text=_(
            'publiccode.yml "dependsOn": {"open" | "proprietary" | "hardware": [{"name", '
            '"versionMin", "versionMax", "version", "optional"}]}. Catalogue entries it depends '
            'on are also linked under "depends on".'
        ),
    )
    releases = models.JSONField(
        _("releases"),
        default=list,
        blank=True,
        help_text=_('A list of {"version", "date" (YYYY-MM-DD)}, newest first.'),
    )
    available_languages = models.JSONField(
        _("languages of the software"),
        default=list,
        blank=True,
        help_text=_('Language tags of its user interface, for example ["fr", "nl"].'),
    )
    localisation_ready = models.BooleanField(
        _("ready for translation"), null=True, blank=True, help_text=_("Empty: not stated.")
    )

    class Meta:
        abstract = True

    def clean_software_facts(self):
        # An emptied field (a blank text area) is "not stated", as the default.
        for name in ("platforms", "available_languages", "contractors", "releases"):
            if getattr(self, name) in (None, ""):
                setattr(self, name, [])
        if self.external_dependencies in (None, ""):
            self.external_dependencies = {}
        errors = {}
        if not _strings(self.platforms):
            errors["platforms"] = _("Give a list of platform names.")
        if not _strings(self.available_languages):
            errors["available_languages"] = _("Give a list of language tags.")
        if not _records(self.contractors, CONTRACTOR_KEYS, required=("name", "until")):
            errors["contractors"] = _('Give a list of {"name", "until"} (and "email", "website").')
        if not _records(self.releases, RELEASE_KEYS, required=()) or not all(self.releases):
            errors["releases"] = _('Give a list of {"version", "date"}.')
        dependencies = self.external_dependencies
        if not (
            isinstance(dependencies, dict)
            and set(dependencies) <= set(DEPENDENCY_KINDS)
            and all(_records(items, DEPENDENCY_KEYS) for items in dependencies.values())
            and all(
                isinstance(item.get("optional", False), bool)
                for items in dependencies.values()
                for item in items
            )
        ):
            errors["external_dependencies"] = _(
                'Give {"open" | "proprietary" | "hardware": [{"name", ...}]}.'
            )
        if errors:
            raise ValidationError(errors)

    @property
    def software_facts_not_stated(self) -> list[str]:
        """The software facts the entry does not state, named together once on its page."""
        facts = [
            (self.software_type, _("type")),
            (self.platforms, _("platforms")),
            (self.latest_release, _("releases")),
            (self.maintenance_type, _("maintenance")),
            (self.contractors, _("contractors")),
            (self.external_dependency_list, _("dependencies")),
            (self.available_languages, _("interface languages")),
        ]
        return [str(label) for value, label in facts if not value]

    @property
    def latest_release(self) -> dict | None:
        return self.releases[0] if self.releases else None

    @property
    def external_dependency_list(self) -> list[tuple[str, dict]]:
        """(kind, dependency) pairs in the standard's order, for pages."""
        return [
            (kind, item)
            for kind in DEPENDENCY_KINDS
            for item in (self.external_dependencies or {}).get(kind, [])
        ]

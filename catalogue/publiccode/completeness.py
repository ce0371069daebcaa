"""Is a component ready to be published as publiccode.yml, and if not, which facts are missing?

The standard requires facts the catalogue does not always hold: the repository of the code
(`url`), an SPDX licence (`legal.license`), a person who maintains it (`maintenance.contacts`),
the platforms it runs on (`platforms`) and a long description of at least 150 characters. The
export is offered only when they are all known; otherwise the page, the API and the catalogue's
facet say what editors should ask the owner for, instead of inventing it. Knowledge and
processes are not software: they have no publiccode.yml at all.

The same rules exist twice, once per object (pages, API) and once as database conditions
(the listing's filter and facet counts); the tests keep them in agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Length, Trim
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalogue import licences
from catalogue.models import Component, Kind
from catalogue.search.analysis import text_length

MIN_LONG_DESCRIPTION = 150  # characters, the standard's minimum for longDescription
NOT_SOFTWARE_KINDS = (Kind.KNOWLEDGE, Kind.PROCESS)


@dataclass(frozen=True)
class Fact:
    key: str
    label: str  # what is missing, for editors
    ask: str  # what to ask the owner for


REPOSITORY = Fact(
    "repository",
    _("Source-code repository"),
    _("the address of the public repository that holds the code"),
)
LICENCE = Fact(
    "licence",
    _("Open-source licence"),
    _("the licence of the code, as an SPDX identifier (for example EUPL-1.2)"),
)
CONTACT = Fact(
    "contact",
    _("Maintenance contact"),
    _("the name (and e-mail) of a person who maintains the software"),
)
DESCRIPTION = Fact(
    "description",
    _("Long description"),
    _("a description of at least 150 characters of what the software does"),
)
PLATFORMS = Fact(
    "platforms",
    _("Platforms"),
    _("the platforms the software runs on (for example web, linux, windows, android)"),
)
FACTS = (REPOSITORY, LICENCE, CONTACT, PLATFORMS, DESCRIPTION)

# Values of the catalogue's "publiccode" filter and facet.
READY = "ready"
NOT_SOFTWARE = "not-software"
FILTER_CHOICES = [
    (READY, _("Ready to export")),
    *[(f"no-{fact.key}", format_lazy(_("Missing: {fact}"), fact=fact.label)) for fact in FACTS],
    (NOT_SOFTWARE, _("Not software (knowledge, process)")),
]


def missing_facts(component: Component) -> list[Fact]:
    """The facts a software component lacks for a publiccode.yml (empty: ready)."""
    missing = []
    if not component.source_code_url:
        missing.append(REPOSITORY)
    if not licences.is_spdx_expression(component.licence):
        missing.append(LICENCE)
    if not component.support_name.strip():
        missing.append(CONTACT)
    if not component.platforms:
        missing.append(PLATFORMS)  # required by the standard: never guessed
    # In the entry's own language; a list gives only its length (the text is not loaded).
    length = getattr(component, "listed_long_description_length", None)
    if length is None:
        length = text_length(component.original("long_description"))
    if length < MIN_LONG_DESCRIPTION:
        missing.append(DESCRIPTION)
    return missing


def is_software(component: Component) -> bool:
    return component.kind not in NOT_SOFTWARE_KINDS


@dataclass(frozen=True)
class Readiness:
    software: bool
    missing: tuple[Fact, ...]

    @property
    def ready(self) -> bool:
        return self.software and not self.missing

    def as_data(self) -> dict:
        """For the API: machine keys and the editors' wording."""
        return {
            "ready": self.ready,
            "software": self.software,
            "missing": [fact.key for fact in self.missing],
            "ask_owner_for": [str(fact.ask) for fact in self.missing],
        }


def readiness(component: Component) -> Readiness:
    if not is_software(component):
        return Readiness(software=False, missing=())
    return Readiness(software=True, missing=tuple(missing_facts(component)))


# --- The same rules as database conditions ----------------------------------------------------

MISSING_CONDITIONS = {
    REPOSITORY.key: Q(source_code_url=""),
    # The model only stores "", "restricted" or a valid SPDX expression.
    LICENCE.key: Q(licence="") | Q(licence=licences.RESTRICTED),
    CONTACT.key: Q(support_name_length=0),
    PLATFORMS.key: Q(platforms=[]),
    DESCRIPTION.key: Q(description_length__lt=MIN_LONG_DESCRIPTION),
}
SOFTWARE = ~Q(kind__in=NOT_SOFTWARE_KINDS)


def with_lengths(queryset):
    """Annotate what the conditions read (the support name's trimmed length; the long
    description's is stored, ``description_length``)."""
    return queryset.annotate(support_name_length=Length(Trim("support_name")))


def condition(value: str) -> Q:
    """The database condition of one filter value (ready, no-<fact>, not-software)."""
    if value == READY:
        condition = SOFTWARE
        for missing in MISSING_CONDITIONS.values():
            condition &= ~missing
        return condition
    if value == NOT_SOFTWARE:
        return ~SOFTWARE
    return SOFTWARE & MISSING_CONDITIONS[value.removeprefix("no-")]


def filter_by(queryset, values):
    """Components matching any of the values (OR-ed, like every facet)."""
    combined = Q()
    for value in values:
        combined |= condition(value)
    return with_lengths(queryset).filter(combined)

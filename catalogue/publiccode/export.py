"""Components to publiccode.yml: the export mapping, and the vocabulary maps that import
shares.

Only what the catalogue knows is written. The export is offered for software entries that hold
every fact the standard requires (completeness.py); nothing is filled in for the others: no
catalogue page as the repository `url`, no placeholder licence, no institution as the
maintenance "person", no padding of a short description.
"""

from __future__ import annotations

import unicodedata

import yaml

from catalogue.models import Component, Kind, Lifecycle
from catalogue.models.component import ReuseConditions
from catalogue.models.software import DEPENDENCY_KINDS
from catalogue.opendata.languages import language_variants
from catalogue.publiccode.completeness import MIN_LONG_DESCRIPTION
from catalogue.publiccode.vocabulary import CATEGORIES

PUBLICCODE_VERSION = "0.7"
# Written by earlier versions of this export for entries without a licence; read back as "".
LICENCE_NOT_STATED = "LicenseRef-not-stated"

# Software kinds only: knowledge and processes have no publiccode.yml.
KIND_TO_SOFTWARE_TYPE = {
    Kind.COMPONENT: "library",
    Kind.SYSTEM: "standalone/web",
    Kind.SERVICE: "standalone/web",
}
SOFTWARE_TYPE_TO_KIND = {
    "library": Kind.COMPONENT,
    "addon": Kind.COMPONENT,
    "configurationFiles": Kind.COMPONENT,
    "standalone/backend": Kind.SERVICE,
}
LIFECYCLE_TO_STATUS = {
    Lifecycle.CONCEPT: "concept",
    Lifecycle.DEVELOPMENT: "development",
    Lifecycle.PILOT: "beta",
    Lifecycle.PRODUCTION: "stable",
    Lifecycle.DEPRECATED: "obsolete",
    Lifecycle.RETIRED: "obsolete",
}
STATUS_TO_LIFECYCLE = {
    "concept": Lifecycle.CONCEPT,
    "development": Lifecycle.DEVELOPMENT,
    "beta": Lifecycle.PILOT,
    "stable": Lifecycle.PRODUCTION,
    "obsolete": Lifecycle.DEPRECATED,
}
# Catalogue category -> publiccode.yml category (the standard's controlled list). The import
# maps back only the exact equivalents (mapping.EQUIVALENT_CATEGORIES).
CATEGORY_MAP = {
    "security": "it-security",
    "user-access-management": "identity-management",
    "case-management": "workflow-management",
    "forms": "data-collection",
    "communication": "communications",
    "interfaces-integration": "it-development",
    "infrastructure-cloud": "cloud-management",
    "web-content": "content-management",
    "data-analytics": "data-analytics",
    "collaboration": "collaboration",
    "software-engineering": "application-development",
    "contact-centre": "call-center-management",
}
CATEGORY_SCOPES = {"health": "healthcare"}


def _short(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _length(text: str) -> int:
    return len(unicodedata.normalize("NFC", text.strip()))


def _descriptions(component: Component) -> dict:
    """One description section per language that has a short and a long enough description."""
    names = language_variants(component, "name")
    shorts = language_variants(component, "short_description")
    longs = language_variants(component, "long_description")
    sections = {}
    for language, long_text in longs.items():
        short = shorts.get(language)
        if not short or _length(long_text) < MIN_LONG_DESCRIPTION:
            continue
        section = {}
        if language in names:
            section["localisedName"] = names[language]
        section["shortDescription"] = _short(short)
        section["longDescription"] = long_text.strip()
        if component.documentation_url:
            section["documentation"] = component.documentation_url
        # The catalogue keeps no feature list; its one-sentence summary is the main feature.
        section["features"] = [" ".join(short.split())]
        sections[language] = section
    return sections


def component_to_publiccode(component: Component, *, page_url: str, owner_url: str) -> dict:
    """The publiccode.yml document of a component that completeness.readiness() finds ready
    (a plain dict, ready for YAML)."""
    description = _descriptions(component)
    categories = [c.slug for c in component.categories.all()]
    document = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": str(component.original("name")),
        "url": component.source_code_url,
    }
    if component.website_url:
        document["landingURL"] = component.website_url
    # Stated platforms only: completeness makes them a required fact, never a guess.
    document["platforms"] = list(component.platforms)
    release = component.latest_release or {}
    if release.get("version"):
        document["softwareVersion"] = release["version"]
    if release.get("date"):
        document["releaseDate"] = release["date"]
    document |= {
        "developmentStatus": LIFECYCLE_TO_STATUS[component.lifecycle],
        "softwareType": component.software_type or KIND_TO_SOFTWARE_TYPE[component.kind],
        "organisation": {
            "uri": component.owner.website or owner_url,
            "name": str(component.owner.original("name")),
        },
        "description": description,
        "legal": {"license": component.licence},
        "maintenance": _maintenance(component),
        "localisation": {
            "localisationReady": bool(component.localisation_ready),
            "availableLanguages": list(component.available_languages or description),
        },
    }
    mapped = sorted({slug for slug in map(export_category, categories) if slug})
    if mapped:
        document["categories"] = mapped
    scopes = sorted({CATEGORY_SCOPES[slug] for slug in categories if slug in CATEGORY_SCOPES})
    if scopes:
        document["intendedAudience"] = {"scope": scopes}
    users = sorted(
        {*(str(client.name) for client in component.reusing_clients()),
         *_declaring_institutions(component)}
    )  # fmt: skip
    if users:
        document["usedBy"] = users
    depends_on = _dependencies(component)
    if depends_on:
        document["dependsOn"] = depends_on
    return document


def export_category(slug: str) -> str | None:
    """The standard's category for a catalogue category: its own slug when the import created
    it from the standard, the equivalent one otherwise (None: no equivalent)."""
    return CATEGORY_MAP.get(slug) or (slug if slug in CATEGORIES else None)


def _maintenance(component: Component) -> dict:
    # The support contact is the person the owner names for the software: it maintains it.
    maintenance = {"type": component.maintenance_type or "internal"}
    if component.contractors:
        maintenance["contractors"] = [dict(person) for person in component.contractors]
    if component.support_name.strip():
        maintenance["contacts"] = [_contact(component)]
    return maintenance


def _dependencies(component: Component) -> dict:
    """The dependencies the software states, then the catalogue entries it is linked to that
    they do not name (open source or not, from their reuse conditions)."""
    stored = component.external_dependencies or {}
    result = {kind: [dict(item) for item in stored.get(kind, [])] for kind in DEPENDENCY_KINDS}
    named = {item["name"] for items in result.values() for item in items}
    for dep in component.depends_on.all():
        if dep.name in named:
            continue
        kind = "open" if dep.reuse_conditions == ReuseConditions.OPEN_SOURCE else "proprietary"
        result[kind].append({"name": dep.name})
    return {kind: items for kind, items in result.items() if items}


def _contact(component: Component) -> dict:
    contact = {"name": component.support_name.strip()}
    if component.support_email:
        contact["email"] = component.support_email
    contact["affiliation"] = str(component.owner.original("name"))
    return contact


def import_licence(licence: str) -> str:
    if licence == LICENCE_NOT_STATED:
        return ""
    return licence


def dump(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _declaring_institutions(component) -> set[str]:
    """Names of the institutions that declared their use of the component (published
    declarations only; issue 13): publiccode.yml's ``usedBy`` is a list of names."""
    declarations = getattr(component, "published_declarations", None)
    if declarations is None:
        declarations = component.declarations.published().select_related("institution")
    return {str(declaration.institution.name) for declaration in declarations}

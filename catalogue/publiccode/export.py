"""Components to publiccode.yml: the export mapping, and the vocabulary maps that import
shares.

Where the standard requires a key that the catalogue does not record, the export uses the
nearest faithful value and the README says which (`url` falls back to the component's page,
`legal.license` to a `LicenseRef-` identifier, the maintenance contact to the owner institution).
"""

from __future__ import annotations

import yaml

from catalogue.models import Component, Kind, Lifecycle
from catalogue.models.component import RESTRICTED_LICENCE, ReuseConditions

PUBLICCODE_VERSION = "0.7"
CONTENT_LANGUAGE = "fr"  # the language the demo content is written in
LICENCE_RESTRICTED = "LicenseRef-restricted"
LICENCE_NOT_STATED = "LicenseRef-not-stated"

KIND_TO_SOFTWARE_TYPE = {
    Kind.COMPONENT: "library",
    Kind.SYSTEM: "standalone/web",
    Kind.SERVICE: "standalone/other",
    Kind.KNOWLEDGE: "standalone/other",
    Kind.PROCESS: "standalone/other",
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
# Catalogue category -> publiccode.yml category (the standard's controlled list).
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
REVERSE_CATEGORY_MAP = {value: key for key, value in CATEGORY_MAP.items()}
CATEGORY_SCOPES = {"health": "healthcare"}


def _short(text: str, limit: int = 150) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _description(component: Component, language: str, page_url: str) -> dict:
    """``description.<language>``: the entry's texts in that language."""
    short = component.text_in("short_description", language)
    long_text = component.text_in("long_description", language).strip()
    if len(long_text) < 150:
        # The standard wants at least 150 characters: complete a short text with the entry's
        # other facts rather than with invented prose.
        parts = [short, long_text, f"{component.owner.name}: {page_url}"]
        parts.append(f"{component.get_kind_display()}, {component.get_lifecycle_display()}.")
        long_text = "\n\n".join(dict.fromkeys(part for part in parts if part))
    description = {
        "localisedName": component.text_in("name", language) or component.original("name"),
        "shortDescription": _short(short),
        "longDescription": long_text,
        "features": [short],
    }
    if component.documentation_url:
        description["documentation"] = component.documentation_url
    return description


def component_to_publiccode(component: Component, *, page_url: str, owner_url: str) -> dict:
    """The publiccode.yml document of a component (a plain dict, ready for YAML)."""
    # A description in every language the entry has a short description in.
    descriptions = {
        language: _description(component, language, page_url)
        for language in component.variants("short_description")
    }
    categories = [c.slug for c in component.categories.all()]
    document = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": str(component.original("name")),
        "url": component.source_code_url or page_url,
        "landingURL": component.website_url or page_url,
        "platforms": ["web"],
        "developmentStatus": LIFECYCLE_TO_STATUS[component.lifecycle],
        "softwareType": KIND_TO_SOFTWARE_TYPE[component.kind],
        "organisation": {"uri": component.owner.website or owner_url, "name": component.owner.name},
        "description": descriptions,
        "legal": {"license": export_licence(component.licence)},
        "maintenance": {
            "type": "internal",
            "contacts": [_contact(component)],
        },
        "localisation": {"localisationReady": False, "availableLanguages": [CONTENT_LANGUAGE]},
    }
    mapped = sorted({CATEGORY_MAP[slug] for slug in categories if slug in CATEGORY_MAP})
    if mapped:
        document["categories"] = mapped
    scopes = sorted({CATEGORY_SCOPES[slug] for slug in categories if slug in CATEGORY_SCOPES})
    if scopes:
        document["intendedAudience"] = {"scope": scopes}
    users = sorted(
        {client.name for reuse in component.reuses.all() for client in reuse.project.clients.all()}
    )
    if users:
        document["usedBy"] = users
    dependencies = list(component.depends_on.all())
    if dependencies:
        open_deps = [
            {"name": dep.name}
            for dep in dependencies
            if dep.reuse_conditions == ReuseConditions.OPEN_SOURCE
        ]
        other_deps = [
            {"name": dep.name}
            for dep in dependencies
            if dep.reuse_conditions != ReuseConditions.OPEN_SOURCE
        ]
        document["dependsOn"] = {
            key: value for key, value in (("open", open_deps), ("proprietary", other_deps)) if value
        }
    return document


def _contact(component: Component) -> dict:
    contact = {"name": component.support_name or component.owner.display_name}
    if component.support_email:
        contact["email"] = component.support_email
    contact["affiliation"] = component.owner.name
    return contact


def export_licence(licence: str) -> str:
    if licence == RESTRICTED_LICENCE:
        return LICENCE_RESTRICTED
    return licence or LICENCE_NOT_STATED


def import_licence(licence: str) -> str:
    if licence == LICENCE_RESTRICTED:
        return RESTRICTED_LICENCE
    if licence == LICENCE_NOT_STATED:
        return ""
    return licence


def dump(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)

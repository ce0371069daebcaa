"""Components to publiccode.yml and back, and the import service.

Where the standard requires a key that the catalogue does not record, the export uses the
nearest faithful value and the README says which (`url` falls back to the component's page,
`legal.license` to a `LicenseRef-` identifier, the maintenance contact to the owner institution).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from catalogue.models import Category, Component, Institution, Kind, Lifecycle, Publication
from catalogue.models.component import RESTRICTED_LICENCE, ReuseConditions
from catalogue.publiccode import validator as publiccode

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


def component_to_publiccode(component: Component, *, page_url: str, owner_url: str) -> dict:
    """The publiccode.yml document of a component (a plain dict, ready for YAML)."""
    long_text = component.long_description.strip()
    if len(long_text) < 150:
        # The standard wants at least 150 characters: complete a short text with the entry's
        # other facts rather than with invented prose.
        parts = [component.short_description, long_text, f"{component.owner.name}: {page_url}"]
        parts.append(f"{component.get_kind_display()}, {component.get_lifecycle_display()}.")
        long_text = "\n\n".join(dict.fromkeys(part for part in parts if part))
    description = {
        "localisedName": component.name,
        "shortDescription": _short(component.short_description),
        "longDescription": long_text,
        "features": [component.short_description],
    }
    if component.documentation_url:
        description["documentation"] = component.documentation_url
    categories = [c.slug for c in component.categories.all()]
    document = {
        "publiccodeYmlVersion": PUBLICCODE_VERSION,
        "name": component.name,
        "url": component.source_code_url or page_url,
        "landingURL": component.website_url or page_url,
        "platforms": ["web"],
        "developmentStatus": LIFECYCLE_TO_STATUS[component.lifecycle],
        "softwareType": KIND_TO_SOFTWARE_TYPE[component.kind],
        "organisation": {"uri": component.owner.website or owner_url, "name": component.owner.name},
        "description": {CONTENT_LANGUAGE: description},
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


# --- Import ------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    source: str
    report: publiccode.Report
    component: Component | None = None
    created: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.valid


def _pick_language(description: dict) -> tuple[str, dict]:
    for preferred in (CONTENT_LANGUAGE, "en"):
        for language, section in description.items():
            if language.split("-")[0].lower() == preferred:
                return language, section
    language = next(iter(description))
    return language, description[language]


def fields_from_publiccode(data: dict) -> tuple[dict, list[str], list[str]]:
    """Component fields, category slugs and dependency names from a validated document."""
    _, text = _pick_language(data["description"])
    maintenance = data.get("maintenance", {})
    contacts = maintenance.get("contacts") or []
    contact = contacts[0] if contacts else {}
    fields = {
        "name": data["name"][:200],
        "short_description": " ".join(text["shortDescription"].split())[:200],
        "long_description": (text.get("longDescription") or "").strip(),
        "documentation_url": text.get("documentation", "") or "",
        "kind": SOFTWARE_TYPE_TO_KIND.get(data["softwareType"], Kind.SYSTEM),
        "lifecycle": STATUS_TO_LIFECYCLE[data["developmentStatus"]],
        "licence": import_licence(data["legal"]["license"])[:100],
        "source_code_url": data["url"] if data["url"].startswith(("http://", "https://")) else "",
        "website_url": data.get("landingURL", "") or "",
        "support_name": str(contact.get("name", ""))[:200],
        "support_email": contact.get("email", "") or "",
    }
    if fields["licence"] and fields["licence"] != RESTRICTED_LICENCE:
        fields["reuse_conditions"] = ReuseConditions.OPEN_SOURCE
    categories = [
        REVERSE_CATEGORY_MAP[c] for c in data.get("categories") or [] if c in REVERSE_CATEGORY_MAP
    ]
    scopes = (data.get("intendedAudience") or {}).get("scope") or []
    categories += [key for key, scope in CATEGORY_SCOPES.items() if scope in scopes]
    dependencies = [
        dep["name"]
        for kind in ("open", "proprietary")
        for dep in (data.get("dependsOn") or {}).get(kind, [])
    ]
    return fields, categories, dependencies


def _unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "component"
    slug, number = base, 2
    while Component.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def import_publiccode(
    content: bytes | str,
    *,
    institution: Institution,
    source: str,
    base_dir: Path | None = None,
    check_only: bool = False,
) -> ImportResult:
    """Validate a publiccode.yml and create or update the component it describes.

    The component is matched by its source-code URL, then by slug; new and updated entries are
    drafts for an editor to review. Nothing is written when the file is invalid.
    """
    report = publiccode.validate(content, base_dir=base_dir)
    result = ImportResult(source=source, report=report)
    if not report.valid or check_only:
        return result
    fields, category_slugs, dependency_names = fields_from_publiccode(report.data)
    component = None
    if fields["source_code_url"]:
        component = Component.objects.filter(source_code_url=fields["source_code_url"]).first()
    if component is None:
        component = Component.objects.filter(slug=slugify(fields["name"])[:200]).first()
    if component is not None and component.owner_id != institution.pk:
        report.error("name", f"an entry of that name belongs to {component.owner}, not you")
        return result
    result.created = component is None
    if component is None:
        component = Component(slug=_unique_slug(fields["name"]), owner=institution)
    for name, value in fields.items():
        setattr(component, name, value)
    component.publication = Publication.DRAFT
    component.source = f"Imported from publiccode.yml ({source})"[:300]
    try:
        component.full_clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                report.error(name, message)
        return result
    component.save()
    component.categories.set(Category.objects.filter(slug__in=category_slugs))
    dependencies = list(Component.objects.filter(name__in=dependency_names))
    component.depends_on.set(dependencies)
    missing = sorted(set(dependency_names) - {dep.name for dep in dependencies})
    if missing:
        result.notes.append(f"dependencies not in the catalogue: {', '.join(missing)}")
    result.component = component
    return result

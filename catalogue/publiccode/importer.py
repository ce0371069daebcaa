"""publiccode.yml to components: the import service (validate, map, store as a draft)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from catalogue.models import Category, Component, Institution, Kind, Publication
from catalogue.models.component import RESTRICTED_LICENCE, ReuseConditions
from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.export import (
    CATEGORY_SCOPES,
    REVERSE_CATEGORY_MAP,
    SOFTWARE_TYPE_TO_KIND,
    STATUS_TO_LIFECYCLE,
    import_licence,
)
from catalogue.publiccode.repository import Repository


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
    for preferred in ("fr", "en"):  # until imports keep every language (issue 11)
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
    repository: Repository | None = None,
    check_only: bool = False,
) -> ImportResult:
    """Validate a publiccode.yml and create or update the component it describes.

    The component is matched by its source-code URL, then by slug; new and updated entries are
    drafts for an editor to review. Nothing is written when the file is invalid. Files the
    document names by relative path are checked in ``repository`` (or ``base_dir``) when given.
    """
    report = publiccode.validate(content, repository=repository, base_dir=base_dir)
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

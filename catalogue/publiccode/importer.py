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
from catalogue.review import changes, visibility, workflow


@dataclass
class ImportResult:
    source: str
    report: publiccode.Report
    component: Component | None = None
    created: bool = False
    # A published entry was matched: the import is a pending change for an editor.
    proposed: bool = False
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
    by=None,
) -> ImportResult:
    """Validate a publiccode.yml and create or update the component it describes, on behalf
    of ``institution`` (and of the user ``by``, when a person imports).

    The component is matched among the institution's own entries only, by its source-code URL,
    then by slug. A new entry is a draft; a matched draft is updated (a new version, still a
    draft for review); a matched published entry is never touched: the import becomes a pending
    change for an editor to review. An import never renames an entry nor unpublishes it.
    Dependencies (``dependsOn``) link only published components or the institution's own.
    Nothing is written when the file is invalid. Files the document names by relative path are
    checked in ``repository`` (or ``base_dir``) when given.
    """
    report = publiccode.validate(content, repository=repository, base_dir=base_dir)
    result = ImportResult(source=source, report=report)
    if not report.valid or check_only:
        return result
    fields, category_slugs, dependency_names = fields_from_publiccode(report.data)
    own = Component.objects.filter(owner=institution)
    component = None
    if fields["source_code_url"]:
        component = own.filter(source_code_url=fields["source_code_url"]).first()
    if component is None:
        component = own.filter(slug=slugify(fields["name"])[:200]).first()
    result.created = component is None
    if component is None:
        component = Component(slug=_unique_slug(fields["name"]), owner=institution)
    else:
        fields.pop("name")  # an import never renames an entry
    scope = visibility.institution_scope(institution)
    dependencies = list(
        visibility.linkable_components(scope)
        .filter(name__in=dependency_names)
        .exclude(pk=component.pk)
    )
    # Known or not, hidden or not: a name not linked is "not in the catalogue" for this import.
    missing = sorted(set(dependency_names) - {dep.name for dep in dependencies})
    if missing:
        result.notes.append(f"dependencies not in the catalogue: {', '.join(missing)}")
    categories = list(Category.objects.filter(slug__in=category_slugs))
    provenance = f"Imported from publiccode.yml ({source})"[:300]
    if component.pk is not None and component.is_published:
        return _propose(result, component, fields, categories, dependencies, provenance, by)
    for name, value in fields.items():
        setattr(component, name, value)
    component.publication = Publication.DRAFT
    component.source = provenance
    try:
        component.full_clean()
    except ValidationError as exc:
        _report(report, exc)
        return result
    component._history_user = by
    component.save()
    component.categories.set(categories)
    hidden = visibility.hidden_components(scope, component.depends_on.values_list("pk", flat=True))
    component.depends_on.set([*dependencies, *hidden])
    result.component = component
    return result


def _report(report, exc: ValidationError):
    for name, messages in exc.message_dict.items():
        for message in messages:
            report.error(name, message)


def _propose(result, component, fields, categories, dependencies, provenance, by):
    """A published entry stays as it is: the import becomes a change for review."""
    candidate = Component.objects.get(pk=component.pk)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.source = provenance
    try:
        candidate.full_clean()
    except ValidationError as exc:
        _report(result.report, exc)
        return result
    scope = visibility.institution_scope(component.owner)
    hidden = visibility.hidden_components(scope, component.depends_on.values_list("pk", flat=True))
    proposed = {
        **{name: changes.current_value(candidate, name) for name in [*fields, "source"]},
        "categories": sorted(category.pk for category in categories),
        "depends_on": sorted({*(dep.pk for dep in dependencies), *hidden}),
    }
    current = changes.snapshot(component, proposed)
    data = changes.differences(current, proposed)
    if data:
        workflow.propose_change(
            component,
            data=data,
            base={name: current[name] for name in data},
            base_version=component.version,
            by=by,
        )
    result.proposed = bool(data)
    result.component = component
    return result

"""publiccode.yml to components: the import service (validate, map, store as a draft or
propose the change for review).

The mapping itself (which key goes where, and the report per key) is in mapping.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from catalogue.models import Category, Component, Institution, Publication
from catalogue.models.multilingual import language_codes, language_name
from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.mapping import (
    DROPPED,
    EQUIVALENT_CATEGORIES,
    KEPT,
    MAPPED,
    KeyOutcome,
    Mapped,
    kind_for,
    map_document,
    merged_releases,
)
from catalogue.publiccode.repository import Repository
from catalogue.publiccode.vocabulary import CATEGORY_NAMES
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
    # What became of each key of the file (kept, mapped, dropped).
    outcomes: list[KeyOutcome] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.valid

    def outcomes_by_action(self) -> dict[str, list[KeyOutcome]]:
        grouped = {KEPT: [], MAPPED: [], DROPPED: []}
        for outcome in self.outcomes:
            grouped[outcome.action].append(outcome)
        return grouped

    def report_lines(self) -> list[str]:
        """The per-key report, one line per action (for messages and logs)."""
        lines = []
        for action, items in self.outcomes_by_action().items():
            if items:
                described = "; ".join(
                    item.key + (f" ({item.detail})" if item.detail else "") for item in items
                )
                lines.append(f"{action}: {described}")
        return lines


def _unique_slug(name: str) -> str:
    base = slugify(name)[:190] or "component"
    slug, number = base, 2
    while Component.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def catalogue_category(slug: str) -> tuple[Category, bool]:
    """The catalogue category for a category of the standard, created (named in every
    catalogue language) when none means the same thing. Returns (category, created)."""
    existing = Category.objects.filter(slug=EQUIVALENT_CATEGORIES.get(slug, slug)).first()
    if existing is None:
        existing = Category.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    names = dict(zip(("en", "fr", "nl"), CATEGORY_NAMES.get(slug, (slug,) * 3), strict=True))
    same_name = Category.objects.filter(name_en=names["en"]).first()
    if same_name is not None:
        return same_name, False
    category = Category(slug=slug, **{f"name_{code}": names[code] for code in language_codes()})
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:  # a concurrent import created it
        return Category.objects.get(slug=slug), False
    return category, True


def _categories(mapped: Mapped, result: ImportResult) -> list[Category]:
    categories = []
    for slug in mapped.categories:
        category, created = catalogue_category(slug)
        if created:
            result.notes.append(f"new catalogue category “{category.label('en')}” ({slug})")
        if category not in categories:
            categories.append(category)
    return categories


def _text_fields(mapped: Mapped, *, new: bool) -> dict:
    """Translated columns from the file's texts. Names are set on a new entry only: an import
    never renames an entry (in any language)."""
    fields = {}
    for code, texts in mapped.texts.items():
        for name, text in texts.items():
            if name == "name" and (not new or code == mapped.language):
                continue  # the entry's own name is the file's `name`
            fields[f"{name}_{code}"] = text
    if new:
        fields[f"name_{mapped.language}"] = mapped.name
    return fields


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
    report: publiccode.Report | None = None,
) -> ImportResult:
    """Validate a publiccode.yml and create or update the component it describes, on behalf
    of ``institution`` (and of the user ``by``, when a person imports). ``report``: the file
    already validated (the harvester validates while fetching).

    The component is matched among the institution's own entries only, by its source-code URL,
    then by slug. A new entry is a draft; a matched draft is updated (a new version, still a
    draft for review); a matched published entry is never touched: the import becomes a pending
    change for an editor to review. An import never renames an entry nor unpublishes it.
    Dependencies (``dependsOn``) link only published components or the institution's own.
    Nothing is written when the file is invalid. Files the document names by relative path are
    checked in ``repository`` (or ``base_dir``) when given.
    """
    if report is None:
        report = publiccode.validate(content, repository=repository, base_dir=base_dir)
    result = ImportResult(source=source, report=report)
    if not report.valid:
        return result
    mapped = map_document(report.data)
    result.outcomes = mapped.outcomes
    if mapped.language is None:
        # Valid for the standard, but the catalogue would hold no text to show: say so
        # (a warning when only checking the file, an error when importing it).
        message = (
            "has no text in a language of the catalogue ("
            + ", ".join(str(language_name(code)) for code in language_codes())
            + "): it cannot be imported until the file describes the software in one of them"
        )
        (report.warn if check_only else report.error)("description", message)
        return result
    if check_only:
        return result
    fields = dict(mapped.fields)
    own = Component.objects.filter(owner=institution)
    component = None
    if fields.get("source_code_url"):
        component = own.filter(source_code_url=fields["source_code_url"]).first()
    if component is None:
        component = own.filter(slug=slugify(mapped.name)[:200]).first()
    result.created = component is None
    if component is None:
        component = Component(slug=_unique_slug(mapped.name), owner=institution)
    else:
        # An existing entry keeps its language (the file's texts become its translations).
        mapped.language = component.original_language
    fields["language"] = mapped.language
    fields |= _text_fields(mapped, new=result.created)
    fields["kind"] = kind_for(
        None if result.created else component.kind, fields["software_type"], fields["kind"]
    )
    fields["releases"] = merged_releases(component.releases, mapped.release)
    scope = visibility.institution_scope(institution)
    names = mapped.dependency_names
    dependencies = list(
        visibility.linkable_components(scope).filter(name__in=names).exclude(pk=component.pk)
    )
    # Known or not, hidden or not: a name not linked is "not in the catalogue" for this import.
    missing = sorted(set(names) - {dep.name for dep in dependencies})
    if missing:
        result.notes.append(f"dependencies not in the catalogue: {', '.join(missing)}")
    categories = _categories(mapped, result)
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
        transaction.set_rollback(True)  # no category created for nothing
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
        transaction.set_rollback(True)
        return result
    scope = visibility.institution_scope(component.owner)
    hidden = visibility.hidden_components(scope, component.depends_on.values_list("pk", flat=True))
    proposed = {
        **{name: changes.current_value(candidate, name) for name in [*fields, "source"]},
        "categories": sorted(category.pk for category in categories),
        "depends_on": sorted({*(dep.pk for dep in dependencies), *hidden}),
    }
    pending = workflow.propose_differences(
        component,
        proposed,
        base_version=component.version,
        by=by,
        not_alone={"source"},  # the same content from another file name is no change
    )
    result.proposed = pending is not None
    result.component = component
    return result

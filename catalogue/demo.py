"""Load the demo catalogue from ``fixtures/demo/`` (YAML and CSV written from the 2020 report).

Idempotent: every entry is created or updated by its slug, so ``make run`` can load it on every
start. Every entry is validated with ``full_clean()`` before it is saved, and the whole load runs
in one transaction: a mistake in a fixture leaves the database as it was.

Texts in several languages: an entry's ``language`` (French by default, the report's language;
English for categories) says which language its unsuffixed keys (``name``, ``short``, ``long``,
``summary``...) are written in; keys with a language suffix (``name_nl``, ``short_en``,
``acronym_nl``...) give its translations (see ``translated_texts``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from catalogue.models import (
    BuildItem,
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Event,
    Institution,
    NewsItem,
    ProgrammeCost,
    Project,
    Publication,
    ReuseYear,
    Technology,
)
from catalogue.models.measurement import BuildLocation

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
REPORT = "Smals, Rapport d'activité 2020"
# Where in the report a reuse link's quote comes from.
WHERE_QUOTED = {"technologies": "technology list", "text": "text"}


class DemoDataError(Exception):
    pass


def _read_yaml(directory: Path, name: str):
    with open(directory / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _save(obj):
    obj.full_clean(validate_unique=False)
    obj.save()
    return obj


def translated_texts(row: dict, keys: dict[str, str], default_language: str) -> dict:
    """The per-language columns of a YAML row's texts, and its ``language``.

    ``keys`` maps YAML keys to model fields (``{"short": "short_description"}``): ``short`` is
    the text in the entry's language, ``short_nl`` / ``short_en`` its translations. Every
    column is set (missing: None), so a translation removed from the YAML is removed here."""
    codes = [code for code, _name in settings.LANGUAGES]
    language = row.get("language", default_language)
    if language not in codes:
        raise DemoDataError(f"{row.get('slug')}: unknown language {language!r}")
    for key in row:
        stem, _sep, suffix = str(key).rpartition("_")
        if stem in keys and suffix not in codes:
            raise DemoDataError(f"{row.get('slug')}: unknown language in key {key!r}")
    values = {"language": language}
    for key, field in keys.items():
        if key in row and f"{key}_{language}" in row:
            raise DemoDataError(f"{row.get('slug')}: both {key!r} and {f'{key}_{language}'!r}")
        for code in codes:
            text = row.get(f"{key}_{code}")
            if code == language and key in row:
                text = row[key]
            text = str(text).strip() if text is not None else ""
            values[f"{field}_{code}"] = text or None
    return values


def _upsert(model, slug: str, **fields):
    obj = model.objects.filter(slug=slug).first() or model(slug=slug)
    for name, value in fields.items():
        setattr(obj, name, value)
    return _save(obj)


@dataclass
class LoadSummary:
    institutions: int = 0
    categories: int = 0
    technologies: int = 0
    components: int = 0
    projects: int = 0
    case_studies: int = 0
    measured_projects: int = 0
    news: int = 0
    events: int = 0

    def __str__(self):
        return (
            f"{self.institutions} institutions, {self.categories} categories, "
            f"{self.technologies} technologies, {self.components} components, "
            f"{self.projects} projects ({self.measured_projects} measured), "
            f"{self.case_studies} case studies, {self.news} news items, {self.events} events"
        )


class DemoLoader:
    def __init__(self, directory: Path = DEMO_DIR):
        self.directory = directory
        self.institutions: dict[str, Institution] = {}
        self.technologies: dict[str, Technology] = {}
        self.components: dict[str, Component] = {}
        self.projects: dict[str, Project] = {}

    def institution(self, slug):
        try:
            return self.institutions[slug]
        except KeyError:
            raise DemoDataError(f"unknown institution {slug!r}") from None

    def component(self, slug):
        try:
            return self.components[slug]
        except KeyError:
            raise DemoDataError(f"unknown component {slug!r}") from None

    def technology(self, name: str) -> Technology:
        slug = slugify(name)
        if slug not in self.technologies:
            technology = Technology.objects.filter(slug=slug).first()
            if technology is None:
                technology = _save(Technology(slug=slug, name=name))
            self.technologies[slug] = technology
        return self.technologies[slug]

    @transaction.atomic
    def load(self) -> LoadSummary:
        summary = LoadSummary()
        for row in _read_yaml(self.directory, "institutions.yaml"):
            self.institutions[row["slug"]] = _upsert(
                Institution,
                row["slug"],
                **translated_texts(
                    row,
                    {"name": "name", "acronym": "acronym", "description": "description"},
                    "fr",
                ),
                member_category=row.get("category") or "",
            )
        summary.institutions = len(self.institutions)
        categories = {
            row["slug"]: _upsert(
                Category,
                row["slug"],
                **{
                    name: value
                    for name, value in translated_texts(
                        row, {"name": "name", "description": "description"}, "en"
                    ).items()
                    if name != "language"  # categories are named in English first
                },
            )
            for row in _read_yaml(self.directory, "categories.yaml")
        }
        summary.categories = len(categories)

        rows = []
        for path in sorted(self.directory.glob("components_*.yaml")):
            rows.extend(_read_yaml(self.directory, path.name))
        for row in rows:
            if row["slug"] in self.components:
                raise DemoDataError(f"component {row['slug']!r} appears twice")
            if row.get("reuse") and not row.get("reuse_basis"):
                # Reuse conditions only where the report states them, with its words.
                raise DemoDataError(f"component {row['slug']!r}: reuse conditions without basis")
            component = _upsert(
                Component,
                row["slug"],
                **translated_texts(
                    row,
                    {"name": "name", "short": "short_description", "long": "long_description"},
                    "fr",
                ),
                kind=row["kind"],
                owner=self.institution(row["owner"]),
                lifecycle=row["lifecycle"],
                reuse_conditions=row.get("reuse", ""),
                licence=row.get("licence", ""),
                website_url=row.get("website", ""),
                source=row.get("source", REPORT),
                publication=row.get("publication", Publication.PUBLISHED),
            )
            self.components[row["slug"]] = component
        for row in rows:
            component = self.components[row["slug"]]
            component.contributors.set(self.institution(s) for s in row.get("contributors", []))
            component.categories.set(categories[s] for s in row.get("categories", []))
            component.technologies.set(self.technology(n) for n in row.get("technologies", []))
            component.depends_on.set(self.component(s) for s in row.get("depends_on", []))
            component.related.set(self.component(s) for s in row.get("related", []))
        summary.components = len(self.components)

        for row in _read_yaml(self.directory, "projects.yaml"):
            project = _upsert(
                Project,
                row["slug"],
                **translated_texts(row, {"name": "name", "summary": "summary"}, "fr"),
                year=row.get("year", 2020),
                status=row.get("status", ""),
                website_url=row.get("website", ""),
                source=_project_source(row),
            )
            project.clients.set(self.institution(s) for s in row.get("clients", []))
            project.technologies.set(self.technology(n) for n in row.get("technologies", []))
            self._link_reuses(project, row.get("reuses", []))
            self.projects[row["slug"]] = project
        summary.projects = len(self.projects)
        summary.technologies = len(self.technologies)

        for row in _read_yaml(self.directory, "case_studies.yaml"):
            case = _upsert(
                CaseStudy,
                row["slug"],
                **translated_texts(
                    row,
                    {key: key for key in ("title", "summary", "body", "benefits")},
                    "fr",
                ),
                date=row.get("date"),
                institution=self.institution(row["institution"]),
                project=self.projects[row["project"]] if row.get("project") else None,
                days_to_production=row.get("days_to_production"),
                source=row.get("source", REPORT),
                publication=row.get("publication", Publication.PUBLISHED),
            )
            case.components.set(self.component(s) for s in row.get("components", []))
            summary.case_studies += 1

        summary.measured_projects = self.load_measurement("roi_2020.yaml")
        summary.news = self.load_announcements(NewsItem, "news.yaml", ("date",))
        summary.events = self.load_announcements(
            Event,
            "events.yaml",
            ("start_date", "start_time", "end_date", "end_time", "online_url", "registration_url"),
        )
        return summary

    def load_announcements(self, model, name: str, own_fields: tuple[str, ...]) -> int:
        """News items or events (issue 14): only those the report dates (see the YAML)."""
        path = self.directory / name
        rows = _read_yaml(self.directory, name) if path.exists() else []
        for row in rows or []:
            entry = _upsert(
                model,
                row["slug"],
                **translated_texts(row, {key: key for key in model.translated_fields}, "fr"),
                **{field: row[field] for field in own_fields if field in row},
                institution=self.institution(row["institution"]),
                source=row.get("source", REPORT),
                publication=row.get("publication", Publication.PUBLISHED),
            )
            entry.components.set(self.component(s) for s in row.get("components", []))
            entry.institutions.set(self.institution(s) for s in row.get("institutions", []))
            entry.case_studies.set(
                CaseStudy.objects.get(slug=s) for s in row.get("case_studies", [])
            )
        return len(rows or [])

    def _link_reuses(self, project: Project, rows: list[dict]):
        """The components the project reuses, each with the report's words that support the
        link; a link the report does not state is marked inferred and says why."""
        wanted = {}
        for row in rows:
            component = self.component(row["component"])
            if not row.get("quote"):
                raise DemoDataError(f"{project.name} -> {component.slug}: no quote from the report")
            inferred = bool(row.get("inferred"))
            if inferred and not row.get("why"):
                raise DemoDataError(f"{project.name} -> {component.slug}: inferred, but not why")
            where = WHERE_QUOTED[row.get("in", "technologies")]
            note = f"Report, {where}: “{row['quote']}”"
            if inferred:
                note = f"Inferred: {row['why']} {note}"
            wanted[component.pk] = (component, inferred, note)
        project.reuses.exclude(component__in=wanted).delete()
        for component, inferred, note in wanted.values():
            reuse = ComponentReuse.objects.filter(project=project, component=component).first()
            reuse = reuse or ComponentReuse(project=project, component=component)
            reuse.inferred = inferred
            reuse.note = note
            if inferred:
                reuse.fp = None
            _save(reuse)

    def load_measurement(self, name: str) -> int:
        spec = _read_yaml(self.directory, name)
        published = spec.get("published", {})
        year, _ = ReuseYear.objects.get_or_create(
            year=spec["year"], defaults={"unit_cost_eur": Decimal(str(spec["unit_cost_eur"]))}
        )
        year.unit_cost_eur = Decimal(str(spec["unit_cost_eur"]))
        year.rcr = Decimal(str(spec["rcr"]))
        year.rcwr = Decimal(str(spec["rcwr"]))
        year.illustrative = bool(spec.get("illustrative"))
        year.published_projects = published.get("projects")
        year.published_reuse_share = _optional_decimal(published.get("reuse_share"))
        year.published_roi = _optional_decimal(published.get("roi"))
        year.published_savings_eur = _optional_decimal(published.get("savings_eur"))
        year.published_source = published.get("source", "")
        year.publication = Publication.PUBLISHED  # the report's year is public
        _save(year)

        # The measurement names projects as the report does, in their own language.
        by_name = {str(project.original("name")): project for project in self.projects.values()}
        aliases = spec.get("project_aliases", {})
        built_in = spec.get("built_in_project", {})
        year.build_items.all().delete()
        year.programme_costs.all().delete()
        measured = 0
        with open(self.directory / f"roi_{spec['year']}_illustrative.csv", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = row["project"]
                project = self.projects.get(aliases[name]) if name in aliases else by_name.get(name)
                if project is None:
                    raise DemoDataError(f"measured project {name!r} is not in projects.yaml")
                unit_cost = Decimal(row["cpu_eur_per_fp"])
                project.reuses.update(fp=None)  # measured afresh below
                project.new_fp = Decimal(row["nf_fp"])
                project.unnamed_reused_fp = None
                project.unit_cost_eur = None if unit_cost == year.unit_cost_eur else unit_cost
                _save(project)
                self._split_reuse(project, Decimal(row["reused_fp"]), Decimal(row["rcr"]), year)
                built = Decimal(row["w_fp"])
                if built:
                    component_slug = built_in.get(name)
                    _save(
                        BuildItem(
                            year=year,
                            project=project,
                            component=self.component(component_slug) if component_slug else None,
                            description=f"Reusable code built in {project.name} (illustrative)",
                            fp=built,
                            location=BuildLocation.IN_PROJECT,
                        )
                    )
                measured += 1
        central = spec.get("central_build")
        if central:
            _save(
                BuildItem(
                    year=year,
                    description=central["description"],
                    fp=Decimal(str(central["fp"])),
                    location=BuildLocation.CENTRAL,
                )
            )
        for cost in spec.get("programme_costs", []):
            _save(
                ProgrammeCost(
                    year=year, label=cost["label"], amount_eur=Decimal(str(cost["amount_eur"]))
                )
            )
        return measured

    def _split_reuse(self, project: Project, reused_fp: Decimal, rcr: Decimal, year: ReuseYear):
        """Spread a project's (illustrative) reused function points evenly over the components
        the report names for it. Inferred links get none; a project for which the report names
        no component keeps them as reuse of components not named."""
        reuses = list(project.reuses.filter(inferred=False).order_by("id"))
        if not reuses:
            if reused_fp and rcr != year.rcr:
                raise DemoDataError(f"{project.name}: unnamed reuse must use the year's RCR")
            project.unnamed_reused_fp = reused_fp or None
            _save(project)
            return
        whole, remainder = divmod(int(reused_fp), len(reuses))
        for index, reuse in enumerate(reuses):
            reuse.fp = Decimal(whole + (remainder if index == 0 else 0))
            reuse.relative_cost = None if rcr == year.rcr else rcr
            _save(reuse)


def _project_source(row) -> str:
    """The report, its page and the heading of the project's paragraph, where given."""
    parts = [REPORT]
    if row.get("page"):
        parts.append(f"p. {row['page']}")
    if row.get("section"):
        parts.append(f"« {row['section']} »")
    source = ", ".join(parts)
    if row.get("attributed"):
        source += " (paragraphe qui ne nomme pas le projet, rattaché par son objet)"
    return source


def _optional_decimal(value):
    return None if value is None else Decimal(str(value))


def load_demo(directory: Path = DEMO_DIR) -> LoadSummary:
    return DemoLoader(directory).load()

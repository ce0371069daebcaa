"""A synthetic catalogue of any size, for benchmarks and load tests.

Realistic in shape: about fifty owners (a few own most components), several categories and
technologies per component, descriptions of 50 to 300 words in French-, Dutch- and
English-like text, dependencies, contributors, projects that reuse components, with clients,
and a measured year for the savings pages. Everything it writes is marked as synthetic
(``source = "synthetic"``, slugs starting with ``synthetic-``, names that say so), and
``clear_synthetic`` removes exactly those rows.

Fast: rows are written with ``bulk_create`` in batches, chunk by chunk (memory stays bounded),
search text included, without the per-row signals, history or validation of the admin path.
"""

from __future__ import annotations

import itertools
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from catalogue.models import (
    BuildItem,
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Membership,
    PendingChange,
    ProgrammeCost,
    Project,
    ProjectStatus,
    Publication,
    ReuseYear,
    Technology,
)
from catalogue.models.measurement import BuildLocation
from catalogue.search.analysis import sort_name, text_length
from catalogue.search.engine import fold

from . import vocabulary

SYNTHETIC = "synthetic"  # the value of `source` on every generated component and project
SLUG_PREFIX = "synthetic-"
MEASURED_YEAR = 2025  # the synthetic projects' measured year (shown by /roi/?year=2025)
CHUNK = 2000  # components generated and written per step
LANGUAGES = ("fr", "nl", "en")
LANGUAGE_WEIGHTS = (5, 4, 1)  # most entries are in French or Dutch, as in Belgium

KIND_WEIGHTS = {"service": 3, "system": 3, "component": 5, "knowledge": 1, "process": 1}
LIFECYCLE_WEIGHTS = {
    "concept": 1, "development": 2, "pilot": 2, "production": 10, "deprecated": 1, "retired": 1,
}  # fmt: skip
REUSE_WEIGHTS = {"open-source": 3, "public-sector": 4, "members-only": 3, "": 1}
LICENCE_WEIGHTS = {
    "": 6, "EUPL-1.2": 4, "Apache-2.0": 2, "MIT": 2, "GPL-3.0-only": 1, "AGPL-3.0-only": 1,
    "MPL-2.0": 1, "restricted": 2,
}  # fmt: skip
PUBLICATION_WEIGHTS = {
    Publication.PUBLISHED: 95, Publication.DRAFT: 3, Publication.SUBMITTED: 2,
}  # fmt: skip


class SyntheticDataError(Exception):
    pass


@dataclass
class Summary:
    institutions: int = 0
    categories: int = 0
    technologies: int = 0
    components: int = 0
    published: int = 0
    projects: int = 0
    reuses: int = 0
    links: dict[str, int] = field(default_factory=dict)

    def __str__(self):
        links = ", ".join(f"{count} {name}" for name, count in self.links.items())
        return (
            f"{self.components} synthetic components ({self.published} published), "
            f"{self.institutions} institutions, {self.categories} categories, "
            f"{self.technologies} technologies, {self.projects} projects, "
            f"{self.reuses} reuses; links: {links}"
        )


# ---------------------------------------------------------------- what is synthetic


def synthetic_components():
    return Component.objects.filter(source=SYNTHETIC)


def synthetic_projects():
    return Project.objects.filter(source=SYNTHETIC)


def holds_other_data() -> bool:
    """Whether the database holds entries that are not synthetic (the demo, real data)."""
    return (
        Component.objects.exclude(source=SYNTHETIC).exists()
        or Institution.objects.exclude(slug__startswith=SLUG_PREFIX).exists()
    )


def holds_synthetic_data() -> bool:
    return (
        synthetic_components().exists()
        or Institution.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    )


def _raw_delete(queryset) -> int:
    # One DELETE statement: no per-row signals (history would write a record per deleted
    # row) and no cascade collector (it would load every row first). Callers delete the
    # dependent rows themselves, in order.
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def clear_synthetic() -> dict[str, int]:
    """Delete every synthetic row, and nothing else. Returns counts by kind."""
    components = synthetic_components().values("pk")
    projects = synthetic_projects().values("pk")
    institutions = Institution.objects.filter(slug__startswith=SLUG_PREFIX)
    years = ReuseYear.objects.filter(published_source=SYNTHETIC)
    counts = {}
    counts["reuses"] = _raw_delete(
        ComponentReuse.objects.filter(Q(component__in=components) | Q(project__in=projects))
    )
    links = [
        (Component.categories.through, "component"),
        (Component.technologies.through, "component"),
        (Component.contributors.through, "component"),
        (Component.depends_on.through, "from_component"),
        (Component.depends_on.through, "to_component"),
        (Component.related.through, "from_component"),
        (Component.related.through, "to_component"),
        (CaseStudy.components.through, "component"),
    ]
    for through, column in links:
        _raw_delete(through.objects.filter(**{f"{column}__in": components}))
    for through in (Project.clients.through, Project.technologies.through):
        _raw_delete(through.objects.filter(project__in=projects))
    _raw_delete(Component.contributors.through.objects.filter(institution__in=institutions))
    _raw_delete(Project.clients.through.objects.filter(institution__in=institutions))
    BuildItem.objects.filter(year__in=years).delete()
    ProgrammeCost.objects.filter(year__in=years).delete()
    BuildItem.objects.filter(component__in=components).update(component=None)
    BuildItem.objects.filter(project__in=projects).update(project=None)
    counts["years"] = _raw_delete(years)
    component_type = ContentType.objects.get_for_model(Component)
    PendingChange.objects.filter(content_type=component_type, object_id__in=components).delete()
    CaseStudy.objects.filter(project__in=projects).update(project=None)
    # History exists only for synthetic rows someone edited: few, deleted the ordinary way.
    Component.history.filter(source=SYNTHETIC).delete()
    Project.history.filter(source=SYNTHETIC).delete()
    Institution.history.filter(slug__startswith=SLUG_PREFIX).delete()
    # Their search entries go first (a raw delete cascades nothing); the index's word counts
    # are rebuilt at the end.
    from catalogue.models import SearchDocument

    _raw_delete(SearchDocument.objects.filter(component__in=components))
    counts["components"] = _raw_delete(synthetic_components())
    counts["projects"] = _raw_delete(synthetic_projects())
    _raw_delete(Membership.objects.filter(institution__in=institutions))
    counts["institutions"] = _raw_delete(institutions)
    counts["categories"] = _raw_delete(
        Category.objects.filter(slug__startswith=SLUG_PREFIX, components__isnull=True)
    )
    counts["technologies"] = _raw_delete(
        Technology.objects.filter(
            slug__startswith=SLUG_PREFIX, components__isnull=True, projects__isnull=True
        )
    )
    from catalogue.search import index

    index.rebuild()
    return counts


# ---------------------------------------------------------------- text


class TextMaker:
    """French-, Dutch- and English-like sentences with Zipf-distributed words."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cumulative = {
            language: list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
            for language, words in vocabulary.WORDS.items()
        }

    def words(self, language: str, count: int) -> list[str]:
        return self.rng.choices(
            vocabulary.WORDS[language], cum_weights=self.cumulative[language], k=count
        )

    def sentence(self, language: str, length: int) -> str:
        words = self.words(language, length)
        return " ".join(words).capitalize() + "."

    def description(self, language: str) -> str:
        """50 to 300 words in paragraphs; one in ten holds a rare word."""
        total = self.rng.randint(50, 300)
        sentences, written = [], 0
        while written < total:
            length = min(self.rng.randint(8, 20), total - written)
            sentences.append(self.sentence(language, max(length, 3)))
            written += length
        if self.rng.random() < 0.1:
            position = self.rng.randrange(len(sentences))
            sentences[position] = (
                sentences[position][:-1] + " " + self.rng.choice(vocabulary.RARE_WORDS) + "."
            )
        paragraphs = [
            " ".join(sentences[start : start + 4]) for start in range(0, len(sentences), 4)
        ]
        return "\n\n".join(paragraphs)


# ---------------------------------------------------------------- generation


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _translated(model, field_name: str, values: dict[str, str]) -> dict[str, str]:
    """Keyword arguments for a text in several languages: the base field (English, else the
    first given) and each ``<field>_<code>`` column the model has (models gain language
    columns with django-modeltranslation; read defensively so either schema works)."""
    kwargs = {field_name: values.get("en") or next(iter(values.values()))}
    for code, value in values.items():
        if _has_field(model, f"{field_name}_{code}"):
            kwargs[f"{field_name}_{code}"] = value
    return kwargs


def _fold(text: str) -> str:
    # The search folding, with a fast path: ASCII text only needs lower case.
    return text.lower() if text.isascii() else fold(text)


@contextmanager
def _stamps_as_given(model):
    """Let bulk_create write the ``created``/``updated`` values set on the rows (auto_now and
    auto_now_add would stamp every row with the same instant)."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    fields += [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Generator:
    def __init__(self, *, components: int, projects: int, owners: int, seed: int, stdout=None):
        self.total = components
        self.project_total = projects
        self.owner_total = owners
        self.rng = random.Random(seed)
        self.text = TextMaker(self.rng)
        self.stdout = stdout
        self.summary = Summary(links={})
        self.now = timezone.now()
        self.has_language = _has_field(Component, "language")

    def say(self, message: str):
        if self.stdout is not None:
            self.stdout.write(message)

    def run(self) -> Summary:
        with transaction.atomic():
            self.make_taxonomies()
            self.make_institutions()
            self.published_ids: list[int] = []
            self.all_ids: list[int] = []
            for start in range(0, self.total, CHUNK):
                self.make_components(start, min(start + CHUNK, self.total))
                self.say(f"  {min(start + CHUNK, self.total)} / {self.total} components")
            self.make_projects()
        self.refresh_search_index()
        refresh_planner_statistics()
        return self.summary

    # -- taxonomies and owners

    def make_taxonomies(self):
        categories = []
        for english, french, dutch in vocabulary.CATEGORIES:
            names = {"en": f"{english} (synthetic)", "fr": f"{french} (synthétique)"}
            names["nl"] = f"{dutch} (synthetisch)"
            kwargs = _translated(Category, "name", names)
            slug = SLUG_PREFIX + english.lower().replace(" ", "-")
            categories.append(Category(slug=slug, **kwargs))
        self.categories = Category.objects.bulk_create(categories)
        self.category_words = {
            category.pk: " ".join(
                filter(None, (getattr(category, f"name_{c}", "") for c in ("fr", "nl")))
            )
            + " "
            + category.name
            for category in self.categories
        }
        # Tags sprawl as a catalogue grows (versions, variants): one more per 100 components.
        base = vocabulary.TECHNOLOGIES
        names = [*base]
        names += [f"{base[i % len(base)]} {i // len(base) + 2}" for i in range(self.total // 100)]
        technologies = [
            Technology(name=f"{name} (synthetic)", slug=f"{SLUG_PREFIX}tech-{index}")
            for index, name in enumerate(names)
        ]
        self.technologies = Technology.objects.bulk_create(technologies)
        self.summary.categories = len(self.categories)
        self.summary.technologies = len(self.technologies)

    def make_institutions(self):
        institutions = []
        for number in range(1, self.owner_total + 1):
            kind = vocabulary.INSTITUTION_KINDS[number % len(vocabulary.INSTITUTION_KINDS)]
            names = {"en": f"Synthetic {kind} {number:02d}"}
            institutions.append(
                Institution(
                    slug=f"{SLUG_PREFIX}institution-{number:02d}",
                    acronym=f"SYN{number:02d}",
                    member_category="ABC"[number % 3],
                    **_translated(Institution, "name", names),
                    **_translated(
                        Institution,
                        "description",
                        {"en": "A synthetic institution, generated for load tests."},
                    ),
                )
            )
        self.institutions = Institution.objects.bulk_create(institutions)
        # Zipf-like ownership: the first owners hold most components (an institution page
        # with thousands of components exists at every size).
        self.owner_weights = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(self.institutions)))
        )
        self.summary.institutions = len(self.institutions)

    # -- components

    def component_name(self, language: str, index: int) -> str:
        head = self.rng.choice(vocabulary.NAME_HEADS[language])
        domain = self.rng.choice(vocabulary.NAME_DOMAINS[language])
        return f"{head} {domain} {index:06d}"

    def project_name(self, language: str, index: int) -> str:
        head = {"fr": "Projet", "nl": "Project", "en": "Project"}[language]
        domain = self.rng.choice(vocabulary.NAME_DOMAINS[language])
        return f"{head} {domain} {index:06d}"

    def make_components(self, start: int, stop: int):
        rng = self.rng
        rows, tags = [], []
        for index in range(start, stop):
            language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
            name = self.component_name(language, index)
            short = self.text.sentence(language, rng.randint(8, 16))[:200]
            long = self.text.description(language)
            categories = rng.sample(self.categories, rng.choices((1, 2, 3, 4), (2, 5, 3, 1))[0])
            technologies = rng.sample(self.technologies, rng.randint(2, 6))
            owner = rng.choices(self.institutions, cum_weights=self.owner_weights)[0]
            kwargs = {
                **_translated(Component, "name", {language: name}),
                **_translated(Component, "short_description", {language: short}),
                **_translated(Component, "long_description", {language: long}),
            }
            if self.has_language:
                kwargs["language"] = language
            # bulk_create skips save(), which keeps these
            kwargs.update(sort_name=sort_name(name), description_length=text_length(long))
            licence = _weighted(rng, LICENCE_WEIGHTS)
            rows.append(
                Component(
                    slug=f"{SLUG_PREFIX}component-{index:06d}",
                    kind=_weighted(rng, KIND_WEIGHTS),
                    owner=owner,
                    lifecycle=_weighted(rng, LIFECYCLE_WEIGHTS),
                    licence=licence,
                    reuse_conditions="open-source"
                    if licence not in ("", "restricted")
                    else _weighted(rng, REUSE_WEIGHTS),
                    website_url=f"https://synthetic.invalid/components/{index}",
                    source=SYNTHETIC,
                    publication=_weighted(rng, PUBLICATION_WEIGHTS),
                    **kwargs,
                )
            )
            tags.append((categories, technologies, owner))
        self.spread_dates(rows, start)
        with _stamps_as_given(Component):
            created = Component.objects.bulk_create(rows, batch_size=500)
        links = {name: [] for name in ("categories", "technologies", "contributors")}
        links.update(depends_on=[], related=[])
        for component, (categories, technologies, owner) in zip(created, tags, strict=True):
            links["categories"] += [(component.pk, c.pk) for c in categories]
            links["technologies"] += [(component.pk, t.pk) for t in technologies]
            if rng.random() < 0.3:
                others = rng.sample(self.institutions, rng.randint(1, 2))
                links["contributors"] += [(component.pk, i.pk) for i in others if i != owner]
            if self.all_ids and rng.random() < 0.4:
                for target in set(rng.choices(self.all_ids, k=rng.randint(1, 3))):
                    links["depends_on"].append((component.pk, target))
            if self.all_ids and rng.random() < 0.2:
                target = rng.choice(self.all_ids)
                # Symmetrical: Django stores both directions.
                links["related"] += [(component.pk, target), (target, component.pk)]
            self.all_ids.append(component.pk)
            if component.publication == Publication.PUBLISHED:
                self.published_ids.append(component.pk)
                self.summary.published += 1
        self.write_links(links)
        self.summary.components += len(created)

    def spread_dates(self, components, start: int):
        """``created`` spread over ten years, the newest last."""
        for offset, component in enumerate(components):
            age = timedelta(days=(self.total - start - offset) * 3650 / max(self.total, 1))
            component.created = self.now - age
            component.updated = min(
                component.created + timedelta(days=self.rng.randint(0, 300)), self.now
            )

    def write_links(self, links: dict[str, list[tuple[int, int]]]):
        columns = {
            "categories": ("component_id", "category_id"),
            "technologies": ("component_id", "technology_id"),
            "contributors": ("component_id", "institution_id"),
            "depends_on": ("from_component_id", "to_component_id"),
            "related": ("from_component_id", "to_component_id"),
        }
        for name, pairs in links.items():
            through = getattr(Component, name).through
            left, right = columns[name]
            rows = [through(**{left: a, right: b}) for a, b in dict.fromkeys(pairs)]
            through.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
            self.summary.links[name] = self.summary.links.get(name, 0) + len(rows)

    # -- projects and their reuses

    def make_projects(self):
        rng = self.rng
        if not self.published_ids:
            return
        # Popular components are reused often: Zipf over a shuffled order.
        popular = self.published_ids[:]
        rng.shuffle(popular)
        cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(popular))))
        for start in range(0, self.project_total, CHUNK):
            stop = min(start + CHUNK, self.project_total)
            projects, plans = [], []
            for index in range(start, stop):
                language = rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]
                measured = rng.random() < 0.8
                new_fp = Decimal(rng.randint(100, 3000)) if measured else None
                name = self.project_name(language, index)
                kwargs = _translated(Project, "name", {language: name})
                kwargs.update(
                    _translated(Project, "summary", {language: self.text.sentence(language, 14)})
                )
                projects.append(
                    Project(
                        slug=f"{SLUG_PREFIX}project-{index:06d}",
                        year=MEASURED_YEAR if measured else rng.randint(2018, MEASURED_YEAR - 1),
                        status=rng.choice(ProjectStatus.values),
                        new_fp=new_fp,
                        source=SYNTHETIC,
                        **kwargs,
                    )
                )
                reused = set(rng.choices(popular, cum_weights=cumulative, k=rng.randint(1, 6)))
                plans.append((new_fp, reused))
            created = Project.objects.bulk_create(projects, batch_size=500)
            reuses, clients, techs = [], [], []
            for project, (new_fp, reused) in zip(created, plans, strict=True):
                budget = new_fp * Decimal("0.8") / len(reused) if new_fp else None
                for component_id in reused:
                    fp = Decimal(rng.randint(1, int(budget))) if budget else None
                    reuses.append(ComponentReuse(project=project, component_id=component_id, fp=fp))
                for client in rng.sample(self.institutions, rng.randint(1, 3)):
                    clients.append(
                        Project.clients.through(project_id=project.pk, institution_id=client.pk)
                    )
                for technology in rng.sample(self.technologies, rng.randint(1, 3)):
                    techs.append(
                        Project.technologies.through(
                            project_id=project.pk, technology_id=technology.pk
                        )
                    )
            ComponentReuse.objects.bulk_create(reuses, batch_size=1000)
            Project.clients.through.objects.bulk_create(clients, batch_size=2000)
            Project.technologies.through.objects.bulk_create(techs, batch_size=2000)
            self.summary.projects += len(created)
            self.summary.reuses += len(reuses)
        self.make_measured_year()

    def make_measured_year(self):
        if ReuseYear.objects.filter(year=MEASURED_YEAR).exists():
            self.say(f"  year {MEASURED_YEAR} is already measured: left as it is")
            return
        year = ReuseYear.objects.create(
            year=MEASURED_YEAR,
            unit_cost_eur=Decimal("650.00"),
            illustrative=True,
            published_source=SYNTHETIC,
            publication=Publication.PUBLISHED,
        )
        builds = [
            BuildItem(
                year=year,
                component_id=component_id,
                description=f"Synthetic build {number}",
                fp=Decimal(self.rng.randint(50, 500)),
                location=self.rng.choice(BuildLocation.values),
            )
            for number, component_id in enumerate(self.published_ids[:200])
        ]
        BuildItem.objects.bulk_create(builds)
        ProgrammeCost.objects.bulk_create(
            [
                ProgrammeCost(year=year, label="Synthetic competence centre", amount_eur=500000),
                ProgrammeCost(year=year, label="Synthetic catalogue upkeep", amount_eur=120000),
            ]
        )

    def refresh_search_index(self):
        """Rows written in bulk send no signals: the search index is rebuilt in bulk."""
        from catalogue.search import index

        index.rebuild()


def refresh_planner_statistics():
    """ANALYZE after a bulk load: without fresh statistics both SQLite and PostgreSQL may
    pick a poor index for the listings until their next automatic analysis (SQLite has none).
    On PostgreSQL, VACUUM too (outside a transaction): it marks the new pages all-visible, so
    counts can be answered from an index alone (index-only scans) at once."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def generate(
    *, components: int, projects: int | None = None, owners: int = 50, seed: int = 1, stdout=None
) -> Summary:
    """Add a synthetic catalogue of ``components`` entries (the database must hold no other
    synthetic rows: call ``clear_synthetic`` first)."""
    if components < 1:
        raise SyntheticDataError("--components must be at least 1")
    if owners < 2:
        raise SyntheticDataError("--owners must be at least 2")
    if holds_synthetic_data():
        raise SyntheticDataError(
            "the database already holds a synthetic catalogue; add --clear to replace it"
        )
    if projects is None:
        projects = max(components // 10, 10)
    generator = Generator(
        components=components, projects=projects, owners=owners, seed=seed, stdout=stdout
    )
    return generator.run()

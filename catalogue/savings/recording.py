"""Recording a measured year (issue 13, item 3): importing its projects from the dashboard's
projects CSV, previewing its figures before they are published, publishing it.

A year is recorded as a draft: the dashboard, the API and the reports show only published years
(``ReuseYear.objects.published()``). Editors preview a draft's figures, then publish it. A
change to a published year's parameters is a pending change (catalogue.review.workflow) an
editor approves after seeing its effect; its projects' and reuse rows' changes follow the
projects' review rules. Every write is kept in the models' history. No arithmetic here: the
figures come from ``roi`` through ``measurement``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue.models import PendingChange, Project, Publication, ReuseYear, StaleVersion
from catalogue.models.pending import PendingStatus
from catalogue.review import roles
from catalogue.savings import formats, roi, tables
from catalogue.savings.measurement import YearMeasurement, year_measurement

# -- the projects CSV ---------------------------------------------------------------------------

# The columns of the dashboard's projects CSV, read from its one definition (tables.PROJECTS),
# plus the "figures" column every CSV row carries.
CSV_COLUMNS = (*(column.key for column in tables.PROJECTS.columns), "figures")
# What a row records; the other columns are figures the model computes from them, checked when
# given (they may be left empty).
NAME, NEW_FP, REUSED_FP = "project", "new_fp", "reused_fp"
COMPUTED = {
    column.key: column
    for column in tables.PROJECTS.columns
    if column.key not in (NAME, NEW_FP, REUSED_FP)
}
FIGURES = {"measured": False, "illustrative": True, "": None}
MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class CsvProblem:
    line: int | None  # None: the file as a whole
    column: str | None
    message: str

    def __str__(self):
        where = []
        if self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


class CsvImportError(Exception):
    def __init__(self, problems: list[CsvProblem]):
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class ProjectRow:
    line: int
    name: str
    new_fp: Decimal
    reused_fp: Decimal
    illustrative: bool | None


@dataclass(frozen=True)
class YearParameters:
    year: int
    unit_cost_eur: Decimal
    rcr: Decimal
    rcwr: Decimal


def _number(text: str) -> Decimal:
    value = Decimal(text.strip().replace(",", ""))
    if not value.is_finite():
        raise InvalidOperation
    return value


def _expected(column, result: roi.ProjectResult):
    return formats.for_machines(column.value((None, result)), column.kind)


def read_projects_csv(data: bytes, parameters: YearParameters) -> list[ProjectRow]:
    """The project rows of a projects CSV; raises CsvImportError listing every problem (by line
    and column). The TOTAL row is skipped; given computed columns must match what the model
    computes from the row and the year's parameters."""
    if len(data) > MAX_BYTES:
        raise CsvImportError([CsvProblem(None, None, _("The file is larger than 2 MB."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvImportError([CsvProblem(None, None, _("The file is not UTF-8 text."))]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in CSV_COLUMNS if name not in header]
    extra = [name for name in header if name not in CSV_COLUMNS]
    if missing or extra:
        problems = [CsvProblem(1, name, _("This column is missing.")) for name in missing]
        unknown = _("This column is not one of the export's.")
        problems += [CsvProblem(1, name, unknown) for name in extra]
        raise CsvImportError(problems)
    reader.fieldnames = header
    problems: list[CsvProblem] = []
    rows: list[ProjectRow] = []
    names: dict[str, int] = {}
    for line, record in enumerate(reader, start=2):
        if None in record:
            problems.append(CsvProblem(line, None, _("This row has more cells than columns.")))
            continue
        record = {key: (value or "").strip() for key, value in record.items()}
        row = _read_row(line, record, parameters, problems)
        if row is None:
            continue
        if row.name.casefold() in names:
            problems.append(
                CsvProblem(line, NAME, _("Same project as line %(line)s.")
                           % {"line": names[row.name.casefold()]})
            )  # fmt: skip
            continue
        names[row.name.casefold()] = line
        rows.append(row)
    labels = {row.illustrative for row in rows} - {None}
    if len(labels) > 1:
        problems.append(
            CsvProblem(None, "figures", _("Rows mix measured and illustrative figures."))
        )
    if not rows and not problems:
        problems.append(CsvProblem(None, None, _("The file has no project row.")))
    if problems:
        raise CsvImportError(problems)
    return rows


def _read_row(line, record, parameters, problems) -> ProjectRow | None:
    name = record[NAME]
    if name == tables.TOTAL:
        return None  # the export's total: the preview recomputes it
    before = len(problems)
    if not name:
        problems.append(CsvProblem(line, NAME, _("Name the project.")))
    elif len(name) > Project._meta.get_field("name").max_length:
        problems.append(CsvProblem(line, NAME, _("The name is longer than 200 characters.")))
    values = {}
    for key in (NEW_FP, REUSED_FP, *COMPUTED):
        text = record[key]
        if not text:
            if key == NEW_FP:
                problems.append(CsvProblem(line, key, _("Give the project's function points.")))
            values[key] = None
            continue
        try:
            values[key] = _number(text)
        except (InvalidOperation, ValueError):
            message = _("“%(text)s” is not a number.") % {"text": text}
            problems.append(CsvProblem(line, key, message))
            continue
        if values[key] < 0:
            problems.append(CsvProblem(line, key, _("May not be negative.")))
    if record["figures"] not in FIGURES:
        problems.append(
            CsvProblem(line, "figures", _("Write “measured” or “illustrative” (or nothing)."))
        )
    if len(problems) > before:
        return None
    new_fp, reused_fp = values[NEW_FP], values[REUSED_FP] or Decimal(0)
    try:
        result = roi.evaluate_project(
            roi.ProjectInput(
                name=name,
                new_fp=new_fp,
                unit_cost_eur=parameters.unit_cost_eur,
                reuses=(roi.Reuse(fp=reused_fp, relative_cost=parameters.rcr),),
            )
        )
    except roi.RoiInputError:
        message = _("More function points reused than the project's new functionality.")
        problems.append(CsvProblem(line, REUSED_FP, message))
        return None
    for key, column in COMPUTED.items():
        given, expected = values[key], _expected(column, result)
        if given is not None and expected != "" and Decimal(given) != Decimal(expected):
            problems.append(
                CsvProblem(
                    line,
                    key,
                    _(
                        "%(given)s differs from %(expected)s, computed from new_fp, reused_fp "
                        "and the year's parameters (the CSV carries no per-component relative "
                        "cost: record such projects in the admin, or leave this cell empty)."
                    )
                    % {"given": given, "expected": expected},
                )
            )
    if len(problems) > before:
        return None
    return ProjectRow(line, name, new_fp, reused_fp, FIGURES[record["figures"]])


def _unique_slug(name: str, year: int) -> str:
    base = (slugify(name)[:180] or "project") + f"-{year}"
    slug, number = base, 2
    while Project._base_manager.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _project_named(name: str, year: int) -> Project | None:
    wanted = name.casefold()
    for project in Project.objects.filter(year=year):
        if any(text.casefold() == wanted for text in project.variants("name").values()):
            return project
    return None


@dataclass
class ImportResult:
    year: ReuseYear
    created: list[Project] = field(default_factory=list)
    updated: list[Project] = field(default_factory=list)


@transaction.atomic
def import_year(parameters: YearParameters, data: bytes, *, by, source: str = "") -> ImportResult:
    """Create (or update, while it is a draft) the year ``parameters.year`` and its projects
    from a projects CSV. Nothing is written when the file or the year is refused: raises
    CsvImportError or PermissionDenied."""
    if not roles.is_editor(by):
        raise PermissionDenied
    rows = read_projects_csv(data, parameters)
    reuse_year = ReuseYear.objects.select_for_update().filter(year=parameters.year).first()
    if reuse_year is not None and reuse_year.is_published:
        raise CsvImportError(
            [CsvProblem(None, None, _("%(year)s is published: its figures change only through "
                                       "reviewed edits in the admin, not by an import.")
                        % {"year": parameters.year})]
        )  # fmt: skip
    reuse_year = reuse_year or ReuseYear(year=parameters.year)
    reuse_year.unit_cost_eur = parameters.unit_cost_eur
    reuse_year.rcr = parameters.rcr
    reuse_year.rcwr = parameters.rcwr
    reuse_year.illustrative = any(row.illustrative for row in rows)
    reuse_year.publication = Publication.DRAFT
    _validated_save(reuse_year, by)
    result = ImportResult(reuse_year)
    note = _("Imported from %(file)s") % {"file": source} if source else _("Imported from a CSV")
    for row in rows:
        project = _project_named(row.name, parameters.year)
        if project is None:
            project = Project(
                name=row.name, slug=_unique_slug(row.name, parameters.year),
                year=parameters.year, source=note[:300],
            )  # fmt: skip
            result.created.append(project)
        else:
            result.updated.append(project)
        project.new_fp = row.new_fp
        # The CSV names no component: its reuse is counted as reuse of components not named.
        project.unnamed_reused_fp = row.reused_fp or None
        try:
            _validated_save(project, by)
        except ValidationError as error:
            raise CsvImportError(
                [CsvProblem(row.line, NAME, message) for message in error.messages]
            ) from None
    return result


def _validated_save(entry, by):
    entry.full_clean()
    entry._history_user = by
    entry.save()


# -- preview --------------------------------------------------------------------------------------

# The year's reported figures (ReuseYear.published_*) beside the computed ones they compare with.
REPORTED = {
    "projects_measured": "published_projects",
    "reuse_share": "published_reuse_share",
    "roi": "published_roi",
    "cost_avoided_eur": "published_savings_eur",
}


@dataclass(frozen=True)
class PreviewLine:
    key: str
    label: Any
    now: str  # on the dashboard (published year) or as recorded (draft)
    after: str | None  # with the changes waiting for review; None: none waiting
    difference: str | None
    reported: str | None  # in the year's source publication


@dataclass
class YearPreview:
    year: ReuseYear
    measurement: YearMeasurement
    lines: list[PreviewLine]
    waiting: list[PendingChange]
    problems: list[str]

    @property
    def has_waiting(self) -> bool:
        return bool(self.waiting)


def waiting_changes(reuse_year: ReuseYear) -> list[PendingChange]:
    """Changes waiting for review that touch the year: to its parameters, to its projects
    (their figures, their reuse rows), and new projects proposed for it."""
    project_ids = list(Project.objects.filter(year=reuse_year.year).values_list("pk", flat=True))
    project_type = ContentType.objects.get_for_model(Project)
    year_type = ContentType.objects.get_for_model(ReuseYear)
    return list(
        PendingChange.objects.filter(status=PendingStatus.SUBMITTED)
        .filter(
            Q(content_type=year_type, object_id=reuse_year.pk)
            | Q(content_type=project_type, object_id__in=project_ids)
            | Q(content_type=project_type, object_id=None, data__year=reuse_year.year)
        )
        .order_by("created")
    )


def _measure_with(waiting, year_number) -> tuple[YearMeasurement | None, list[str]]:
    """The year measured with ``waiting`` applied, in a transaction rolled back."""
    from catalogue.review import workflow

    after, problems = None, []
    try:
        with transaction.atomic():
            for pending in waiting:
                workflow.apply_change(pending, by=None)
            after = year_measurement(year_number, published_only=False)
            transaction.set_rollback(True)
    except ValidationError as error:
        problems = error.messages
    return after, problems


def preview(reuse_year: ReuseYear) -> YearPreview:
    """The year's figures, computed by the model: as recorded now and, when changes wait for
    review, as they would be once approved (with the difference); beside them the figures the
    year's source reported."""
    now = year_measurement(reuse_year.year, published_only=False)
    waiting = waiting_changes(reuse_year)
    after, problems = _measure_with(waiting, reuse_year.year) if waiting else (None, [])
    lines = []
    for figure in tables.SUMMARY[1:]:  # the year itself is the page's title
        value = figure.value(now)
        after_value = figure.value(after) if after is not None else None
        reported_name = REPORTED.get(figure.key)
        reported = getattr(reuse_year, reported_name) if reported_name else None
        lines.append(
            PreviewLine(
                key=figure.key,
                label=figure.label,
                now=formats.for_people(value, figure.kind),
                after=formats.for_people(after_value, figure.kind) if after else None,
                difference=formats.difference(value, after_value, figure.kind) if after else None,
                reported=None if reported is None else formats.for_people(reported, figure.kind),
            )
        )
    return YearPreview(reuse_year, now, lines, waiting, problems)


# -- publication ----------------------------------------------------------------------------------


class PublicationRefused(ValidationError):
    pass


@transaction.atomic
def publish_year(reuse_year: ReuseYear, *, by, based_on_version: int | None = None) -> None:
    """Publish a draft year (editors only): the dashboard, the API and the reports show it from
    now on. ``based_on_version``: the version the editor previewed; a year changed since is
    refused (preview it again)."""
    if not roles.is_editor(by):
        raise PermissionDenied
    reuse_year = ReuseYear.objects.select_for_update().get(pk=reuse_year.pk)
    if reuse_year.is_published:
        raise PublicationRefused(_("%(year)s is already published.") % {"year": reuse_year})
    if based_on_version is not None and based_on_version != reuse_year.version:
        raise PublicationRefused(
            _("%(year)s was changed since you previewed it: look at its figures again.")
            % {"year": reuse_year}
        )
    _set_publication(reuse_year, Publication.PUBLISHED, by)


@transaction.atomic
def unpublish_year(reuse_year: ReuseYear, *, by) -> None:
    """Take a year off the dashboard, back to draft (editors only; kept in its history)."""
    if not roles.is_editor(by):
        raise PermissionDenied
    reuse_year = ReuseYear.objects.select_for_update().get(pk=reuse_year.pk)
    if not reuse_year.is_published:
        raise PublicationRefused(_("%(year)s is not published.") % {"year": reuse_year})
    _set_publication(reuse_year, Publication.DRAFT, by)


def _set_publication(reuse_year, state, by):
    reuse_year.publication = state
    reuse_year._history_user = by
    try:
        reuse_year.save(update_fields=["publication"])
    except StaleVersion:  # pragma: no cover - the row is locked above
        raise PublicationRefused(_("The year was changed meanwhile: try again.")) from None

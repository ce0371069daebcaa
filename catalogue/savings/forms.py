"""Forms of the savings pages: the calculator's scenario, its projects and their reuse rows.

The whole scenario lives in the query string, so a plan can be shared by its address:
``unit``, ``unit_cost``, ``rcr_low``/``rcr``/``rcr_high`` ... for the scenario, ``p1-name`` and
``p1-size`` for the first project, ``p1-r1-component`` and ``p1-r1-size`` for its first reuse.
Links of the earlier one-project calculator (``new_fp``, ``component``, ``fp``) still work.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.models import Component
from catalogue.models.multilingual import language_codes
from catalogue.savings import formats, roi
from catalogue.savings.scenario import (
    FP,
    MAX_EUR,
    MAX_FP,
    MAX_PERSON_DAYS,
    PERSON_DAYS,
    BuildPlan,
    ProjectPlan,
    ReusePlan,
    Scenario,
)
from catalogue.search.engine import search_components

MAX_FORM_PROJECTS = 10
MAX_FORM_REUSES = 12
BLANK_REUSE_ROWS = 2
MAX_SIZE = max(MAX_FP, MAX_PERSON_DAYS)
# Ids are the field names (``p1-size``), so the error summary can link to them.
AUTO_ID = "%s"


def _decimal_field(label, *, maximum=MAX_SIZE, minimum=0, places=2, **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        max_digits=len(str(int(maximum))) + places,
        decimal_places=places,
        required=kwargs.pop("required", False),
        **kwargs,
    )


def _relative_cost_field(label):
    return _decimal_field(label, maximum=roi.MAX_RELATIVE_COST, places=3)


def _rcwr_field(label):
    return _decimal_field(label, maximum=roi.MAX_RCWR, minimum=roi.MIN_RCWR, places=3)


class ScenarioForm(forms.Form):
    """The scenario-wide inputs: unit of size, productivity, costs, builds, RCR and RCWR."""

    unit = forms.ChoiceField(
        label=_("Size the work in"),
        choices=[(FP, _("function points")), (PERSON_DAYS, _("person-days"))],
        widget=forms.RadioSelect,
        initial=FP,
        required=False,
    )
    productivity = _decimal_field(
        _("Your productivity rate"),
        maximum=roi.MAX_PRODUCTIVITY,
        minimum=roi.MIN_PRODUCTIVITY,
        places=3,
        help_text=_(
            "Needed only for sizes in person-days, to convert them to function points. "
            "There is no default: productivity varies too much between teams and "
            "technologies to be assumed. Use your own measurement."
        ),
    )
    productivity_unit = forms.ChoiceField(
        label=_("Unit of the rate"),
        choices=[
            (roi.FP_PER_PERSON_DAY, _("function points per person-day")),
            (roi.PERSON_DAYS_PER_FP, _("person-days per function point")),
        ],
        initial=roi.FP_PER_PERSON_DAY,
        required=False,
    )
    unit_cost = _decimal_field(
        _("Unit cost (EUR per function point)"), maximum=MAX_EUR, required=True
    )
    investment = _decimal_field(
        _("Other investment in reuse (EUR, optional)"),
        maximum=MAX_EUR,
        help_text=_("Programme costs: a competence centre, support of shared components."),
    )
    build_in_projects = _decimal_field(
        _("Built for reuse inside these projects (optional)"),
        help_text=_(
            "Size of what the projects build for others to reuse, in the unit chosen above; "
            "it costs RCWR − 1 times the unit cost on top of building it for themselves."
        ),
    )
    build_central = _decimal_field(
        _("Built centrally for reuse (optional)"),
        help_text=_(
            "Size of components built for the catalogue; they cost RCWR times the unit cost."
        ),
    )
    rcr_low = _relative_cost_field(_("Low"))
    rcr = _relative_cost_field(_("Expected"))
    rcr_high = _relative_cost_field(_("High"))
    rcwr_low = _rcwr_field(_("Low"))
    rcwr = _rcwr_field(_("Expected"))
    rcwr_high = _rcwr_field(_("High"))

    RANGES = (("rcr", ("rcr_low", "rcr", "rcr_high")), ("rcwr", ("rcwr_low", "rcwr", "rcwr_high")))
    # How the error summary names the fields whose label only makes sense in their fieldset.
    SUMMARY_LABELS = {
        "rcr_low": _("Relative cost of reuse, low"),
        "rcr": _("Relative cost of reuse, expected"),
        "rcr_high": _("Relative cost of reuse, high"),
        "rcwr_low": _("Relative cost of writing for reuse, low"),
        "rcwr": _("Relative cost of writing for reuse, expected"),
        "rcwr_high": _("Relative cost of writing for reuse, high"),
    }

    def __init__(self, *args, year=None, **kwargs):
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, **kwargs)
        rcr = roi.effective_relative_cost(year.rcr if year else None)
        rcwr = roi.first_given(year.rcwr if year else None, default=roi.DEFAULT_RCWR)
        self.defaults = {"rcr": rcr, "rcwr": rcwr}
        if year is not None:
            self.fields["unit_cost"].initial = year.unit_cost_eur
            if year.illustrative:
                note = _(
                    "Pre-filled with the unit cost of the latest measured year (%(year)s, an "
                    "illustrative figure); use your organisation's."
                )
            else:
                note = _(
                    "Pre-filled with the unit cost of the latest measured year (%(year)s); use "
                    "your organisation's."
                )
            self.fields["unit_cost"].help_text = note % {"year": year.year}
        self.fields["rcr"].help_text = _(
            "What reusing a component costs, as a share of building the same functionality "
            "(0 to 1.5). Expected value left empty: %(value)s (the latest measured year's, "
            "else Poulin's). Leave low and high empty for no range."
        ) % {"value": formats.plain(rcr)}
        self.fields["rcwr"].help_text = _(
            "What building a component for reuse costs, as a multiple of building it for one "
            "project (1 to 5). Expected value left empty: %(value)s (the latest measured "
            "year's, else Poulin's). Leave low and high empty for no range."
        ) % {"value": formats.plain(rcwr)}

    @property
    def size_unit(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("unit") or FP
        return self.data.get("unit") if self.data.get("unit") in (FP, PERSON_DAYS) else FP

    def clean(self):
        data = super().clean()
        days = (data.get("unit") or FP) == PERSON_DAYS
        if days and data.get("productivity") is None and "productivity" not in self.errors:
            self.add_error(
                "productivity",
                _("Give your productivity rate to size in person-days; none is assumed."),
            )
        # Low <= expected <= high, by the model's own rule (roi.estimate), with the defaults.
        checks = {"rcr": roi.relative_cost_value, "rcwr": roi.rcwr_value}
        for name, keys in self.RANGES:
            if any(key in self.errors for key in keys):
                continue
            low, expected, high = (data.get(key) for key in keys)
            try:
                roi.estimate(
                    expected if expected is not None else self.defaults[name],
                    low,
                    high,
                    name=name,
                    check=checks[name],
                )
            except roi.RoiInputError as error:
                self.add_error(error.field, self.order_message(error.field))
        return data

    @staticmethod
    def order_message(field: str) -> str:
        if field.endswith("_low"):
            return gettext("The low value may not be above the expected value.")
        return gettext("The high value may not be below the expected value.")

    def range_fields(self):
        """[(legend key, [low, expected, high bound fields])] for the template."""
        return [(name, [self[key] for key in keys]) for name, keys in self.RANGES]


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    size = _decimal_field(_("Size of the new functionality"))

    def __init__(self, *args, number: int, **kwargs):
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, prefix=f"p{number}", **kwargs)
        self.number = number


def resolve_component(text: str, by_slug: dict[str, Component]) -> Component:
    """The published component a user typed: its slug, its name (exactly, else the only name
    containing the text, accents and case aside), else the only component a search finds.
    Raises ValidationError naming the candidates otherwise."""
    text = text.strip()
    if text in by_slug:
        return by_slug[text]
    published = Component.objects.published()
    # In any language the entry has a name in.
    names = [f"name_{code}" for code in language_codes()]
    exactly = Q(name__iexact=text) | Q(
        *[Q(**{f"{n}__iexact": text}) for n in names], _connector=Q.OR
    )
    by_name = list(published.filter(exactly)[:2])
    if not by_name:
        within = Q(*[Q(**{f"{n}__icontains": text}) for n in ["name", *names]], _connector=Q.OR)
        by_name = list(published.filter(within).order_by("name")[:6])
    if len(by_name) == 1:
        return by_name[0]
    candidates = by_name or list(
        search_components(published, text).order_by("-relevance", "name")[:6]
    )
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise forms.ValidationError(
            _("No published component matches “%(text)s”."), params={"text": text[:100]}
        )
    names = ", ".join(f"{c.name} ({c.slug})" for c in candidates[:5])
    raise forms.ValidationError(
        _("“%(text)s” matches several components: %(names)s. Type the slug of the one you mean."),
        params={"text": text[:100], "names": names},
    )


class ReuseRowForm(forms.Form):
    component = forms.CharField(label=_("Component"), max_length=200, required=False)
    size = _decimal_field(_("Size of what it supplies"))

    def __init__(self, *args, number: int, project: int, by_slug=None, **kwargs):
        kwargs.setdefault("auto_id", AUTO_ID)
        super().__init__(*args, prefix=f"p{project}-r{number}", **kwargs)
        self.number = number
        self.by_slug = by_slug or {}

    @property
    def blank(self) -> bool:
        return not any(self.data.get(self.add_prefix(name), "").strip() for name in self.fields)

    def clean_component(self):
        text = self.cleaned_data.get("component", "")
        return resolve_component(text, self.by_slug) if text.strip() else None

    def clean(self):
        data = super().clean()
        if data.get("component") and data.get("size") is None and "size" not in self.errors:
            self.add_error("size", _("Say how much of the project this component supplies."))
        if (
            data.get("size") is not None
            and not data.get("component")
            and "component" not in self.errors
        ):
            self.add_error("component", _("Name the component that supplies it."))
        return data


@dataclass
class ProjectBlock:
    form: ProjectForm
    rows: list[ReuseRowForm]

    @property
    def blank(self) -> bool:
        form = self.form
        typed = any(form.data.get(form.add_prefix(name), "").strip() for name in form.fields)
        return not typed and all(row.blank for row in self.rows)


LEGACY_KEYS = {"new_fp", "component", "fp"}


def upgrade_legacy_query(params: QueryDict) -> QueryDict:
    """Links of the one-project calculator (``new_fp``, repeated ``component`` and ``fp``,
    ``name``) as a first project of the current form."""
    if not LEGACY_KEYS & set(params) or "p1-size" in params:
        return params
    upgraded = params.copy()
    for key in ("new_fp", "name", "component", "fp"):
        upgraded.pop(key, None)
    upgraded["unit"] = FP
    upgraded["p1-size"] = params.get("new_fp", "")
    upgraded["p1-name"] = params.get("name", "")
    components, fps = params.getlist("component"), params.getlist("fp")
    for index in range(min(max(len(components), len(fps)), MAX_FORM_REUSES)):
        upgraded[f"p1-r{index + 1}-component"] = (
            components[index] if index < len(components) else ""
        )
        upgraded[f"p1-r{index + 1}-size"] = fps[index] if index < len(fps) else ""
    return upgraded


def _numbers_in_use(params, pattern: str, limit: int) -> list[int]:
    return [
        n for n in range(1, limit + 1) if any(key.startswith(pattern.format(n)) for key in params)
    ]


@dataclass
class FieldError:
    field_id: str
    message: str
    label: str = ""


class Calculator:
    """The calculator's forms bound to a query string: the scenario form and its projects, each
    with its reuse rows, plus a blank project and blank rows to fill in."""

    def __init__(self, params: QueryDict | None, *, year=None):
        params = upgrade_legacy_query(params) if params is not None else None
        self.submitted = bool(params) and ("unit_cost" in params or "unit" in params)
        data = params if self.submitted else None
        self.form = ScenarioForm(data, year=year)
        self.service_errors: list[FieldError] = []
        self._valid = None
        self.blocks: list[ProjectBlock] = []
        numbers = _numbers_in_use(params or {}, "p{}-", MAX_FORM_PROJECTS) if data else []
        by_slug = self._components_by_slug(params) if data else {}
        for number in numbers:
            rows = [
                ReuseRowForm(data, number=row, project=number, by_slug=by_slug)
                for row in _numbers_in_use(params, f"p{number}-r{{}}-", MAX_FORM_REUSES)
            ]
            self.blocks.append(ProjectBlock(ProjectForm(data, number=number), rows))
        self.filled = [block for block in self.blocks if not block.blank]
        # What is shown: the filled projects, then one blank project (two when starting).
        shown = list(self.filled)
        next_number = max((block.form.number for block in self.filled), default=0) + 1
        for number in range(next_number, next_number + (1 if shown else 2)):
            if number <= MAX_FORM_PROJECTS:
                shown.append(ProjectBlock(ProjectForm(number=number), []))
        for block in shown:
            filled_rows = [row for row in block.rows if not row.blank]
            next_row = max((row.number for row in filled_rows), default=0) + 1
            blanks = [
                ReuseRowForm(number=n, project=block.form.number)
                for n in range(next_row, next_row + BLANK_REUSE_ROWS)
                if n <= MAX_FORM_REUSES
            ]
            block.rows = filled_rows + blanks
        self.shown = shown

    @staticmethod
    def _components_by_slug(params) -> dict[str, Component]:
        """Every typed component that is a published slug, in one query."""
        typed = {
            value.strip()
            for key, values in params.lists()
            if key.endswith("-component")
            for value in values
            if value.strip()
        }
        if not typed:
            return {}
        return {c.slug: c for c in Component.objects.published().filter(slug__in=typed)}

    def is_valid(self) -> bool:
        if not self.submitted:
            return False
        if self._valid is None:
            self._valid = self._validate()
        return self._valid

    def _validate(self) -> bool:
        valid = self.form.is_valid()
        for block in self.filled:
            rows = [row for row in block.rows if not row.blank]
            block_valid = block.form.is_valid()
            checked = [row.is_valid() for row in rows]  # every row, for all its errors
            rows_valid = all(checked)
            valid = valid and block_valid and rows_valid
            if not block_valid:
                continue
            if block.form.cleaned_data.get("size") is None:
                block.form.add_error("size", _("Give the size of this project."))
                valid = False
            elif rows_valid:
                # The model's own rule, checked here too so that every error shows at once.
                try:
                    roi.check_reuse_fits(
                        block.form.cleaned_data["size"], [row.cleaned_data["size"] for row in rows]
                    )
                except roi.RoiInputError:
                    block.form.add_error("size", self.too_much_reuse())
                    valid = False
        if not self.filled:
            self.service_errors.append(
                FieldError(
                    "p1-size",
                    gettext("Describe at least one project: give its size."),
                    gettext("Project %(number)s") % {"number": 1},
                )
            )
            valid = False
        return valid

    def scenario(self) -> Scenario:
        """The plan as a scenario (call once ``is_valid()`` is true)."""
        data = self.form.cleaned_data
        unit = data.get("unit") or FP
        projects = []
        for block in self.filled:
            project = block.form.cleaned_data
            reuses = tuple(
                ReusePlan(size=row.cleaned_data["size"], component=row.cleaned_data["component"])
                for row in block.rows
                if not row.blank and row.cleaned_data.get("component")
            )
            name = project.get("name") or gettext("Project %(number)s") % {
                "number": block.form.number
            }
            projects.append(ProjectPlan(name=name, size=project["size"], reuses=reuses))
        builds = []
        if data.get("build_in_projects"):
            builds.append(BuildPlan(size=data["build_in_projects"], location=roi.IN_PROJECT))
        if data.get("build_central"):
            builds.append(BuildPlan(size=data["build_central"], location=roi.CENTRAL))
        productivity = None
        if unit == PERSON_DAYS:
            productivity = roi.Productivity(
                data["productivity"], data.get("productivity_unit") or roi.FP_PER_PERSON_DAY
            )
        return Scenario(
            projects=tuple(projects),
            unit_cost_eur=data["unit_cost"],
            investment_eur=data.get("investment") or roi.ZERO,
            rcr=data.get("rcr"),
            rcr_low=data.get("rcr_low"),
            rcr_high=data.get("rcr_high"),
            rcwr=data.get("rcwr"),
            rcwr_low=data.get("rcwr_low"),
            rcwr_high=data.get("rcwr_high"),
            size_unit=unit,
            productivity=productivity,
            builds=tuple(builds),
        )

    @staticmethod
    def too_much_reuse() -> str:
        return gettext("The components supply more than the size of this project.")

    def add_service_error(self, error: roi.RoiInputError) -> None:
        """An error the scenario service found, shown on the field it concerns."""
        field = error.field
        parts = field.split(".")
        if parts[0] == "projects" and len(parts) > 1 and parts[1].isascii() and parts[1].isdigit():
            index = int(parts[1])
            block = self.filled[index] if index < len(self.filled) else None
            if block is not None:
                message = self.too_much_reuse() if parts[-1] == "reuse" else error.message
                block.form.add_error("size", message)
                return
        if field in self.form.fields:
            ordered = field.endswith(("_low", "_high"))
            message = self.form.order_message(field) if ordered else error.message
            self.form.add_error(field, message)
            return
        self.service_errors.append(FieldError("unit_cost", error.message))

    def errors(self) -> list[FieldError]:
        """Every error, in the order of the page, for the error summary: each names its field
        (its project and row too) and links to it by id."""
        found = []

        def collect(form, label_of):
            for name in form.fields:
                bound = form[name]
                for message in bound.errors:
                    found.append(
                        FieldError(bound.id_for_label or bound.html_name, message, label_of(bound))
                    )

        if self.submitted:
            labels = self.form.SUMMARY_LABELS
            collect(self.form, lambda bound: str(labels.get(bound.name, bound.label)))
            for block in self.shown:
                project = gettext("Project %(number)s") % {"number": block.form.number}
                if block.form.is_bound:
                    collect(block.form, lambda bound, p=project: f"{p}: {bound.label}")
                for row in block.rows:
                    if row.is_bound:
                        labels = {
                            "component": gettext("Component %(number)s") % {"number": row.number},
                            "size": gettext("What component %(number)s supplies")
                            % {"number": row.number},
                        }
                        collect(
                            row,
                            lambda bound, p=project, labels=labels: f"{p}, {labels[bound.name]}",
                        )
        return found + self.service_errors

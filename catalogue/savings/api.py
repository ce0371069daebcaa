"""ROI endpoints: a calculator over posted scenarios and a stored year's figures."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api.throttling import ScopedThrottle
from catalogue.models import Component, ReuseYear
from catalogue.savings import roi
from catalogue.savings.measurement import year_measurement
from catalogue.savings.reports import scenario_figures, year_report
from catalogue.savings.scenario import (
    FP,
    MAX_BUILDS,
    MAX_EUR,
    MAX_FP,
    MAX_PERSON_DAYS,
    MAX_PROJECTS,
    MAX_REUSES,
    MAX_TOTAL_REUSES,
    PERSON_DAYS,
    BuildPlan,
    ProjectPlan,
    ReusePlan,
    Scenario,
    evaluate_scenario,
    latest_year,
)


class BoundedDecimalField(serializers.DecimalField):
    """A finite decimal number of sane size: at most 16 digits before the point (the bounds
    are below 10**16 anyway), rounded to ``PLACES`` decimal places, so an exponent such as
    ``1e-999999`` or ``1e400`` never reaches the arithmetic (it would overflow the decimal
    context or produce results of hundreds of digits)."""

    PLACES = 6
    MAX_WHOLE_DIGITS = 16

    def __init__(self, **kwargs):
        super().__init__(max_digits=None, decimal_places=None, **kwargs)

    def validate_precision(self, value):
        if value and value.adjusted() >= self.MAX_WHOLE_DIGITS:
            self.fail("max_whole_digits", max_whole_digits=self.MAX_WHOLE_DIGITS)
        if value and value.adjusted() < -self.PLACES - 1:
            return Decimal(0)  # far below the precision kept: zero, without arithmetic
        return value.quantize(Decimal(1).scaleb(-self.PLACES), rounding=ROUND_HALF_UP)


def _decimal(**kwargs):
    return BoundedDecimalField(**kwargs)


def _size(help_text, *, maximum=MAX_FP, **kwargs):
    return _decimal(min_value=Decimal(0), max_value=maximum, help_text=help_text, **kwargs)


def _optional_size(help_text, maximum=MAX_FP):
    return _size(help_text, maximum=maximum, required=False)


def _one_size(data, fp_key, days_key):
    """Exactly one of the two size fields (function points or person-days)."""
    given = [key for key in (fp_key, days_key) if data.get(key) is not None]
    if len(given) != 1:
        raise ValidationError(
            {fp_key: [_("Give either %(fp)s or %(days)s.") % {"fp": fp_key, "days": days_key}]}
        )
    return given[0]


def _relative_cost(help_text):
    return _decimal(
        min_value=Decimal(0),
        max_value=roi.MAX_RELATIVE_COST,
        required=False,
        allow_null=True,
        help_text=help_text,
    )


def _rcwr(help_text):
    return _decimal(
        min_value=roi.MIN_RCWR,
        max_value=roi.MAX_RCWR,
        required=False,
        allow_null=True,
        help_text=help_text,
    )


class ReuseInput(serializers.Serializer):
    component = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Component.objects.published(),
        required=False,
        allow_null=True,
        help_text="Slug of a published catalogue component (optional).",
    )
    fp = _optional_size("Function points this reuse supplies (or give `person_days`).")
    person_days = _optional_size(
        "Person-days of the project this reuse supplies (needs `productivity`).", MAX_PERSON_DAYS
    )
    relative_cost = _relative_cost(
        "Relative cost of reuse (RCR); default: the component's, else the scenario's."
    )

    def validate(self, data):
        _one_size(data, "fp", "person_days")
        return data


class ProjectInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    new_fp = _optional_size("New functionality, function points (or give `new_person_days`).")
    new_person_days = _optional_size(
        "New functionality, person-days (needs `productivity`).", MAX_PERSON_DAYS
    )
    unit_cost_eur = _decimal(
        min_value=Decimal(0),
        max_value=MAX_EUR,
        required=False,
        allow_null=True,
        help_text="Overrides the scenario's unit cost.",
    )
    reuse = ReuseInput(many=True, required=False, default=list, max_length=MAX_REUSES)

    def validate(self, data):
        _one_size(data, "new_fp", "new_person_days")
        return data


class BuildInput(serializers.Serializer):
    fp = _optional_size("Function points built for reuse (or give `person_days`).")
    person_days = _optional_size("Person-days of building for reuse.", MAX_PERSON_DAYS)
    location = serializers.ChoiceField(
        choices=[roi.IN_PROJECT, roi.CENTRAL],
        default=roi.CENTRAL,
        help_text="`in-project`: charged at RCWR - 1 times the unit cost; `central`: at RCWR.",
    )

    def validate(self, data):
        _one_size(data, "fp", "person_days")
        return data


class ProductivityInput(serializers.Serializer):
    value = _decimal(min_value=roi.MIN_PRODUCTIVITY, max_value=roi.MAX_PRODUCTIVITY)
    unit = serializers.ChoiceField(choices=list(roi.PRODUCTIVITY_UNITS))


class CalculateInput(serializers.Serializer):
    """A planning scenario. Sizes are in function points (`new_fp`, `fp`) or, throughout the
    scenario, in person-days (`new_person_days`, `person_days`) with the `productivity` rate you
    state: none is assumed. RCR and RCWR may have low and high values besides the expected one:
    the answer then gives each result's range and the inputs' sensitivity."""

    unit_cost_eur = _decimal(
        min_value=Decimal(0), max_value=MAX_EUR, help_text="EUR per function point."
    )
    investment_eur = _decimal(
        min_value=Decimal(0),
        max_value=MAX_EUR,
        required=False,
        default=Decimal(0),
        help_text="Programme costs in EUR, besides what `build` costs.",
    )
    rcr = _relative_cost(
        "Expected relative cost of reuse; empty: the latest measured year's, else 0.2."
    )
    rcr_low = _relative_cost("Low value of the relative cost of reuse; empty: `rcr`.")
    rcr_high = _relative_cost("High value of the relative cost of reuse; empty: `rcr`.")
    rcwr = _rcwr("Expected relative cost of writing for reuse; empty: the latest year's, else 1.5.")
    rcwr_low = _rcwr("Low value of the relative cost of writing for reuse; empty: `rcwr`.")
    rcwr_high = _rcwr("High value of the relative cost of writing for reuse; empty: `rcwr`.")
    productivity = ProductivityInput(
        required=False,
        allow_null=True,
        help_text="Your productivity rate; required when sizes are in person-days.",
    )
    build = BuildInput(many=True, required=False, default=list, max_length=MAX_BUILDS)
    projects = ProjectInputSerializer(many=True, allow_empty=False, max_length=MAX_PROJECTS)

    def validate(self, data):
        sizes = [bool(p.get("new_person_days") is not None) for p in data["projects"]]
        sizes += [
            bool(r.get("person_days") is not None)
            for p in data["projects"]
            for r in p.get("reuse", [])
        ]
        sizes += [bool(b.get("person_days") is not None) for b in data.get("build", [])]
        if any(sizes) and not all(sizes):
            raise ValidationError(
                {
                    "projects": [
                        _("Give every size in the same unit: function points or person-days.")
                    ]
                }
            )
        if any(sizes) and not data.get("productivity"):
            raise ValidationError(
                {
                    "productivity": [
                        _("Sizes in person-days need your productivity rate; none is assumed.")
                    ]
                }
            )
        if sum(len(p.get("reuse", [])) for p in data["projects"]) > MAX_TOTAL_REUSES:
            raise ValidationError(
                {"projects": [_("At most %(max)d reuses in all.") % {"max": MAX_TOTAL_REUSES}]}
            )
        data["size_unit"] = PERSON_DAYS if any(sizes) else FP
        return data

    def scenario(self) -> Scenario:
        data = self.validated_data
        days = data["size_unit"] == PERSON_DAYS
        new_key, size_key = ("new_person_days", "person_days") if days else ("new_fp", "fp")
        productivity = data.get("productivity")
        return Scenario(
            projects=tuple(
                ProjectPlan(
                    name=project.get("name", ""),
                    size=project[new_key],
                    unit_cost_eur=project.get("unit_cost_eur"),
                    reuses=tuple(
                        ReusePlan(
                            size=item[size_key],
                            component=item.get("component"),
                            relative_cost=item.get("relative_cost"),
                        )
                        for item in project.get("reuse", [])
                    ),
                )
                for project in data["projects"]
            ),
            unit_cost_eur=data["unit_cost_eur"],
            investment_eur=data.get("investment_eur", Decimal(0)),
            rcr=data.get("rcr"),
            rcr_low=data.get("rcr_low"),
            rcr_high=data.get("rcr_high"),
            rcwr=data.get("rcwr"),
            rcwr_low=data.get("rcwr_low"),
            rcwr_high=data.get("rcwr_high"),
            size_unit=data["size_unit"],
            productivity=(
                roi.Productivity(productivity["value"], productivity["unit"])
                if days and productivity
                else None
            ),
            builds=tuple(
                BuildPlan(size=build[size_key], location=build["location"])
                for build in data.get("build", [])
            ),
        )


class ProjectFiguresOutput(serializers.Serializer):
    name = serializers.CharField()
    new_fp = serializers.FloatField()
    reused_fp = serializers.FloatField()
    reuse_share = serializers.FloatField(allow_null=True)
    cost_without_reuse_eur = serializers.FloatField()
    actual_cost_eur = serializers.FloatField()
    cost_avoided_eur = serializers.FloatField()


class PortfolioFiguresOutput(serializers.Serializer):
    new_fp = serializers.FloatField()
    reused_fp = serializers.FloatField()
    reuse_share = serializers.FloatField(allow_null=True, help_text="Weighted by function points.")
    cost_without_reuse_eur = serializers.FloatField()
    actual_cost_eur = serializers.FloatField()
    cost_avoided_eur = serializers.FloatField()
    investment_eur = serializers.FloatField()
    net_benefit_eur = serializers.FloatField()
    roi = serializers.FloatField(allow_null=True, help_text="Null when nothing was invested.")
    benefit_cost_ratio = serializers.FloatField(allow_null=True)
    projects = ProjectFiguresOutput(many=True)


class YearProjectFiguresOutput(ProjectFiguresOutput):
    illustrative = serializers.BooleanField(
        help_text="True when these per-project figures are assumptions, not published data."
    )


class SpanOutput(serializers.Serializer):
    low = serializers.FloatField(allow_null=True)
    expected = serializers.FloatField(allow_null=True)
    high = serializers.FloatField(allow_null=True)


class UsesSpanOutput(serializers.Serializer):
    low = serializers.IntegerField(allow_null=True, help_text="Null: never pays off.")
    expected = serializers.IntegerField(allow_null=True)
    high = serializers.IntegerField(allow_null=True)


class ProductivityOutput(serializers.Serializer):
    value = serializers.FloatField()
    unit = serializers.ChoiceField(choices=list(roi.PRODUCTIVITY_UNITS))


class ScenarioParametersOutput(serializers.Serializer):
    unit_cost_eur = serializers.FloatField()
    rcr = SpanOutput()
    rcwr = SpanOutput()
    productivity = ProductivityOutput(allow_null=True)
    cost_per_person_day_eur = serializers.FloatField(
        allow_null=True, help_text="The unit cost per person-day at the productivity given."
    )


class RangesOutput(serializers.Serializer):
    cost_avoided_eur = SpanOutput()
    actual_cost_eur = SpanOutput()
    investment_eur = SpanOutput()
    net_benefit_eur = SpanOutput()
    roi = SpanOutput(
        help_text="Low and high are null when nothing is invested somewhere in the range."
    )


class SwingOutput(serializers.Serializer):
    output = serializers.CharField(help_text="The result, e.g. net_benefit_eur.")
    input = serializers.CharField(help_text="rcr or rcwr.")
    low = serializers.FloatField()
    high = serializers.FloatField()
    at_low = serializers.FloatField(allow_null=True)
    at_high = serializers.FloatField(allow_null=True)
    swing = serializers.FloatField()


class ReuseLineOutput(serializers.Serializer):
    project = serializers.CharField()
    component = serializers.CharField(allow_null=True)
    size = serializers.FloatField(help_text="In the scenario's unit.")
    fp = serializers.FloatField()
    relative_cost = serializers.FloatField()
    relative_cost_from = serializers.ChoiceField(choices=["reuse", "component", "scenario"])
    cost_avoided_eur = serializers.FloatField()
    uses_to_pay_off = UsesSpanOutput()


class ScenarioOutput(PortfolioFiguresOutput):
    size_unit = serializers.ChoiceField(choices=[FP, PERSON_DAYS])
    parameters = ScenarioParametersOutput()
    ranges = RangesOutput()
    sensitivity = SwingOutput(many=True, help_text="Per result, the inputs' swings, largest first.")
    reuses = ReuseLineOutput(many=True)


class ComponentSavingsOutput(serializers.Serializer):
    component = serializers.CharField(
        allow_null=True,
        help_text="Slug; null for unpublished components and for components not named.",
    )
    name = serializers.CharField(allow_null=True)
    components_not_named = serializers.BooleanField(
        help_text="True for the line of reuse whose components the source does not name."
    )
    illustrative = serializers.BooleanField(
        help_text="True when these per-component figures are assumptions, not published data."
    )
    uses = serializers.IntegerField()
    projects = serializers.IntegerField()
    fp = serializers.FloatField()
    cost_avoided_eur = serializers.FloatField()


class InstitutionSavingsOutput(serializers.Serializer):
    institution = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    projects = serializers.IntegerField()
    cost_avoided_eur = serializers.FloatField()


class ParametersOutput(serializers.Serializer):
    unit_cost_eur = serializers.FloatField()
    rcr = serializers.FloatField()
    rcwr = serializers.FloatField()
    uses_to_pay_off = serializers.IntegerField(allow_null=True)


class PublishedOutput(serializers.Serializer):
    projects = serializers.IntegerField(allow_null=True)
    reuse_share = serializers.FloatField(allow_null=True)
    roi = serializers.FloatField(allow_null=True)
    savings_eur = serializers.FloatField(allow_null=True)
    source = serializers.CharField()


class YearReportOutput(PortfolioFiguresOutput):
    year = serializers.IntegerField()
    illustrative = serializers.BooleanField()
    parameters = ParametersOutput()
    published = PublishedOutput()
    project_count = serializers.IntegerField()
    projects = YearProjectFiguresOutput(many=True)
    by_component = ComponentSavingsOutput(many=True)
    by_institution = InstitutionSavingsOutput(many=True)


def _nested_error(path: str, message: str):
    """DRF's shape for an error at a dotted path: ``projects.1.reuse`` ->
    ``{"projects": [{}, {"reuse": [message]}]}``, like the serializers' own errors."""
    error = [message]
    for part in reversed(path.split(".")):
        error = [*([{}] * int(part)), error] if part.isdigit() else {part: error}
    return error


ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Error details, keyed by field.")


class CalculateView(APIView):
    """Reuse share, costs, cost avoided, net benefit and ROI of a posted planning scenario,
    with each result's range over the low and high values given and the inputs' sensitivity."""

    throttle_classes = [ScopedThrottle]
    throttle_scope = "roi-calculate"

    @extend_schema(
        summary=_("Calculate the savings of a reuse scenario"),
        description=_(
            "Posts projects with their new function points and the function points each reuse "
            "supplies; answers reuse share, costs with and without reuse, cost avoided, net "
            "benefit and ROI, computed with the catalogue's reuse model (see /roi/method/). "
            "Nothing is stored."
        ),
        request=CalculateInput,
        responses={200: ScenarioOutput, 400: ERROR, 429: ERROR},
    )
    def post(self, request):
        data = CalculateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            outcome = evaluate_scenario(data.scenario(), year=latest_year())
        except roi.RoiInputError as error:
            raise ValidationError(_nested_error(error.field, error.message)) from None
        return Response(scenario_figures(outcome), status=status.HTTP_200_OK)


class YearView(APIView):
    """The stored measurement of a year: totals, projects, savings by component and client."""

    @extend_schema(
        summary=_("A year's measured savings"),
        description=_(
            "The stored reuse measurement of a year: totals, projects, and savings by "
            "component and by client institution. Per-project figures of the demo data are "
            "illustrative."
        ),
        responses={200: YearReportOutput, 404: ERROR, 429: ERROR},
    )
    def get(self, request, year):
        measurement = year_measurement(year)
        if measurement is None:
            known = list(ReuseYear.objects.published().values_list("year", flat=True))
            raise NotFound(
                _("No measurement for %(year)s. Measured years: %(known)s.")
                % {"year": year, "known": ", ".join(map(str, known)) or "-"}
            )
        return Response(year_report(measurement))

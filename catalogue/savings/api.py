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
from catalogue.savings.reports import portfolio_figures, year_report
from catalogue.savings.scenario import (
    MAX_EUR,
    MAX_FP,
    MAX_PROJECTS,
    MAX_REUSES,
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


class ReuseInput(serializers.Serializer):
    component = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Component.objects.published(),
        required=False,
        allow_null=True,
        help_text="Slug of a published catalogue component (optional).",
    )
    fp = _decimal(
        min_value=Decimal(0), max_value=MAX_FP, help_text="Function points this reuse supplies."
    )
    relative_cost = _decimal(
        min_value=Decimal(0),
        max_value=roi.MAX_RELATIVE_COST,
        required=False,
        allow_null=True,
        help_text="Relative cost of reuse (RCR); default: the component's, else the year's.",
    )


class ProjectInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    new_fp = _decimal(
        min_value=Decimal(0), max_value=MAX_FP, help_text="New functionality, function points."
    )
    unit_cost_eur = _decimal(
        min_value=Decimal(0),
        max_value=MAX_EUR,
        required=False,
        allow_null=True,
        help_text="Overrides the scenario's unit cost.",
    )
    reuse = ReuseInput(many=True, required=False, default=list, max_length=MAX_REUSES)


class CalculateInput(serializers.Serializer):
    unit_cost_eur = _decimal(
        min_value=Decimal(0), max_value=MAX_EUR, help_text="EUR per function point."
    )
    investment_eur = _decimal(
        min_value=Decimal(0), max_value=MAX_EUR, required=False, default=Decimal(0)
    )
    rcr = _decimal(
        min_value=Decimal(0),
        max_value=roi.MAX_RELATIVE_COST,
        required=False,
        allow_null=True,
        help_text=("Default relative cost of reuse; empty: the latest measured year's, else 0.2."),
    )
    rcwr = _decimal(
        min_value=roi.MIN_RCWR,
        max_value=roi.MAX_RCWR,
        required=False,
        allow_null=True,
        help_text="Relative cost of writing for reuse; empty: the latest year's, else 1.5.",
    )
    projects = ProjectInputSerializer(many=True, allow_empty=False, max_length=MAX_PROJECTS)

    def scenario(self) -> Scenario:
        data = self.validated_data
        return Scenario(
            projects=tuple(
                ProjectPlan(
                    name=project.get("name", ""),
                    new_fp=project["new_fp"],
                    unit_cost_eur=project.get("unit_cost_eur"),
                    reuses=tuple(
                        ReusePlan(
                            fp=item["fp"],
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
            rcwr=data.get("rcwr"),
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


class ComponentSavingsOutput(serializers.Serializer):
    component = serializers.CharField(allow_null=True)
    name = serializers.CharField(allow_null=True)
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
    """Reuse share, costs, cost avoided, net benefit and ROI of posted project scenarios."""

    throttle_classes = [ScopedThrottle]
    throttle_scope = "roi-calculate"

    @extend_schema(
        request=CalculateInput,
        responses={200: PortfolioFiguresOutput, 400: ERROR, 429: ERROR},
    )
    def post(self, request):
        data = CalculateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            outcome = evaluate_scenario(data.scenario(), year=latest_year())
        except roi.RoiInputError as error:
            raise ValidationError(_nested_error(error.field, error.message)) from None
        return Response(portfolio_figures(outcome.result), status=status.HTTP_200_OK)


class YearView(APIView):
    """The stored measurement of a year: totals, projects, savings by component and client."""

    @extend_schema(responses={200: YearReportOutput, 404: ERROR, 429: ERROR})
    def get(self, request, year):
        measurement = year_measurement(year)
        if measurement is None:
            known = list(ReuseYear.objects.values_list("year", flat=True))
            raise NotFound(
                _("No measurement for %(year)s. Measured years: %(known)s.")
                % {"year": year, "known": ", ".join(map(str, known)) or "-"}
            )
        return Response(year_report(measurement))

"""ROI endpoints: a calculator over posted scenarios and a stored year's figures."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from catalogue import roi
from catalogue.models import Component, ReuseYear
from catalogue.reports import portfolio_figures, year_report
from catalogue.selectors import year_measurement

MAX_PROJECTS = 500
MAX_REUSES = 200
# Bounds keep every result a finite JSON number.
MAX_FP = Decimal(10) ** 9
MAX_EUR = Decimal(10) ** 15


def _decimal(**kwargs):
    # No fixed precision: scenarios may use any finite decimal number.
    return serializers.DecimalField(max_digits=None, decimal_places=None, **kwargs)


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

    def validate(self, attrs):
        reused = sum((item["fp"] for item in attrs.get("reuse", [])), Decimal(0))
        if reused > attrs["new_fp"]:
            raise serializers.ValidationError(
                {
                    "reuse": [
                        _("Reused function points (%(reused)s) exceed new_fp (%(new)s).")
                        % {"reused": reused, "new": attrs["new_fp"]}
                    ]
                }
            )
        return attrs


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
        help_text="Default relative cost of reuse (default 0.2).",
    )
    projects = ProjectInputSerializer(many=True, allow_empty=False, max_length=MAX_PROJECTS)


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


ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Error details, keyed by field.")


class CalculateView(APIView):
    """Reuse share, costs, cost avoided, net benefit and ROI of posted project scenarios."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "roi-calculate"

    @extend_schema(
        request=CalculateInput,
        responses={200: PortfolioFiguresOutput, 400: ERROR, 429: ERROR},
    )
    def post(self, request):
        data = CalculateInput(data=request.data)
        data.is_valid(raise_exception=True)
        scenario = data.validated_data
        default_rcr = scenario.get("rcr")
        if default_rcr is None:
            default_rcr = roi.DEFAULT_RCR
        projects = []
        for project in scenario["projects"]:
            unit_cost = project.get("unit_cost_eur")
            reuses = []
            for item in project.get("reuse", []):
                relative_cost = item.get("relative_cost")
                component = item.get("component")
                if relative_cost is None and component is not None:
                    relative_cost = component.relative_cost
                if relative_cost is None:
                    relative_cost = default_rcr
                reuses.append(roi.Reuse(fp=item["fp"], relative_cost=relative_cost))
            projects.append(
                roi.ProjectInput(
                    name=project.get("name", ""),
                    new_fp=project["new_fp"],
                    unit_cost_eur=unit_cost if unit_cost is not None else scenario["unit_cost_eur"],
                    reuses=reuses,
                )
            )
        result = roi.evaluate(projects, scenario.get("investment_eur", Decimal(0)))
        return Response(portfolio_figures(result), status=status.HTTP_200_OK)


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

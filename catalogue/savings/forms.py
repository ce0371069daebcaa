"""Forms of the savings pages: the calculator's scenario and its reuse rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Component
from catalogue.savings import roi
from catalogue.savings.scenario import MAX_EUR, MAX_FP, ProjectPlan, ReusePlan, Scenario

MAX_CALCULATOR_ROWS = 12
BLANK_ROWS = 3


class ScenarioForm(forms.Form):
    """A manager's project plan: size, unit cost, optional investment and RCWR."""

    name = forms.CharField(label=_("Project name"), max_length=100, required=False)
    new_fp = forms.DecimalField(
        label=_("Size of the new functionality (function points)"),
        min_value=0,
        max_value=MAX_FP,
        max_digits=12,
        decimal_places=2,
    )
    unit_cost = forms.DecimalField(
        label=_("Unit cost (EUR per function point)"),
        min_value=0,
        max_value=MAX_EUR,
        max_digits=18,
        decimal_places=2,
        initial=1000,
    )
    investment = forms.DecimalField(
        label=_("Investment in reuse (EUR, optional)"),
        min_value=0,
        max_value=MAX_EUR,
        max_digits=18,
        decimal_places=2,
        required=False,
    )
    rcwr = forms.DecimalField(
        label=_("Relative cost of writing for reuse (RCWR)"),
        min_value=roi.MIN_RCWR,
        max_value=roi.MAX_RCWR,
        max_digits=5,
        decimal_places=3,
        required=False,
        help_text=_("Empty: the latest measured year's, else 1.5 (Poulin)."),
    )

    def scenario(self, rows) -> Scenario:
        """The plan as a scenario (call once the form and ``rows`` are valid)."""
        data = self.cleaned_data
        reuses = tuple(
            ReusePlan(fp=row.cleaned_data["fp"], component=row.cleaned_data["component"])
            for row in rows
            if row.cleaned_data.get("component")
        )
        project = ProjectPlan(
            name=data.get("name") or str(_("My project")), new_fp=data["new_fp"], reuses=reuses
        )
        return Scenario(
            projects=(project,),
            unit_cost_eur=data["unit_cost"],
            investment_eur=data.get("investment") or roi.ZERO,
            rcwr=data.get("rcwr"),
        )


class ReuseRowForm(forms.Form):
    component = forms.ModelChoiceField(
        label=_("Component"),
        queryset=Component.objects.published().order_by("name"),
        to_field_name="slug",
        required=False,
    )
    fp = forms.DecimalField(
        label=_("Function points it supplies"),
        min_value=0,
        max_value=MAX_FP,
        max_digits=12,
        decimal_places=2,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("component") and data.get("fp") is None:
            self.add_error("fp", _("Say how many function points this component supplies."))
        if data.get("fp") is not None and not data.get("component"):
            self.add_error("component", _("Choose the component that supplies them."))
        return data


def reuse_rows_from(params, component_queryset=None):
    """Pair the repeated ``component`` and ``fp`` query parameters into row forms."""
    components = params.getlist("component")[:MAX_CALCULATOR_ROWS]
    fps = params.getlist("fp")[:MAX_CALCULATOR_ROWS]
    count = max(len(components), len(fps))
    rows = []
    for index in range(count):
        data = {
            "component": components[index] if index < len(components) else "",
            "fp": fps[index] if index < len(fps) else "",
        }
        row = ReuseRowForm(data, prefix=None)
        if component_queryset is not None:
            row.fields["component"].queryset = component_queryset
        rows.append(row)
    return rows

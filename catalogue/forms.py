"""Forms of the public pages (the ROI calculator)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue import roi
from catalogue.models import Component

MAX_CALCULATOR_ROWS = 12
BLANK_ROWS = 3


class ScenarioForm(forms.Form):
    """A manager's project plan: size, unit cost, optional investment and RCWR."""

    name = forms.CharField(label=_("Project name"), max_length=100, required=False)
    new_fp = forms.DecimalField(
        label=_("Size of the new functionality (function points)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    unit_cost = forms.DecimalField(
        label=_("Unit cost (EUR per function point)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        initial=Decimal(1000),
    )
    investment = forms.DecimalField(
        label=_("Investment in reuse (EUR, optional)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    rcwr = forms.DecimalField(
        label=_("Relative cost of writing for reuse (RCWR)"),
        min_value=1,
        max_value=5,
        max_digits=5,
        decimal_places=3,
        required=False,
        help_text=_("Default 1.5 (Poulin)."),
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


def default_relative_cost(component, year_rcr):
    if component.relative_cost is not None:
        return component.relative_cost
    return year_rcr if year_rcr is not None else roi.DEFAULT_RCR

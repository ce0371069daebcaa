"""What approving a pending change would do to a measured year's published figures (reuse
share, cost avoided, ROI), computed by the savings model itself: the change is applied inside a
transaction that is rolled back, and the year measured before and after
(catalogue.savings.measurement). No arithmetic here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from catalogue.models import Component, ComponentReuse, Project, ReuseYear
from catalogue.savings.measurement import year_measurement


@dataclass(frozen=True)
class YearFigures:
    reuse_share: Decimal | None
    cost_avoided_eur: Decimal
    roi: Decimal | None


@dataclass(frozen=True)
class YearEffect:
    year: int
    before: YearFigures
    after: YearFigures | None


def affected_years(pending) -> set[int]:
    model = pending.content_type.model_class()
    years = set()
    if model is Project:
        if not pending.is_new_entry:
            years.add(Project.objects.filter(pk=pending.object_id).values_list("year", flat=True)
                      .first())  # fmt: skip
        if pending.data.get("year") not in (None, ""):
            years.add(int(pending.data["year"]))
    elif model is ReuseYear and not pending.is_new_entry:
        # A year's parameters: the year itself (and the number it would become).
        years.add(ReuseYear.objects.filter(pk=pending.object_id).values_list("year", flat=True)
                  .first())  # fmt: skip
        if pending.data.get("year") not in (None, ""):
            years.add(int(pending.data["year"]))
    elif model is Component and "relative_cost" in pending.data and not pending.is_new_entry:
        years |= set(
            ComponentReuse.objects.filter(component_id=pending.object_id).values_list(
                "project__year", flat=True
            )
        )
    years.discard(None)
    return set(ReuseYear.objects.filter(year__in=years).values_list("year", flat=True))


def _figures(year: int) -> YearFigures:
    result = year_measurement(year, published_only=False).result
    return YearFigures(result.reuse_share, result.cost_avoided_eur, result.roi)


def figures_effect(pending) -> tuple[list[YearEffect], list[str]]:
    """The figures of every measured year the change touches, before and after; and the
    reasons it cannot be applied, if any (then ``after`` is None)."""
    from catalogue.review import workflow

    years = sorted(affected_years(pending))
    if not years:
        return [], []
    before = {year: _figures(year) for year in years}
    after, problems = {}, []
    try:
        with transaction.atomic():
            workflow.apply_change(pending, by=None)
            after = {year: _figures(year) for year in years}
            transaction.set_rollback(True)
    except ValidationError as error:
        problems = error.messages
    return [YearEffect(year, before[year], after.get(year)) for year in years], problems

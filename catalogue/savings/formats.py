"""How savings figures are written: for people (pages, the text report) and for machines (CSV).

One home for both, so a figure reads the same on every surface.
"""

from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma

from catalogue.savings import roi

DASH = "—"

# The kinds of value a savings table holds.
TEXT, COUNT, FP, EUR, SHARE = "text", "count", "fp", "eur", "share"


def euros(amount) -> str:
    """Whole euros with thousands separators: 13130400.00 -> 'EUR 13,130,400'."""
    if amount is None:
        return DASH
    return f"EUR {intcomma(roi.whole_euros(Decimal(amount)))}"


def percent(ratio) -> str:
    if ratio is None:
        return DASH
    return f"{roi.whole_percent(Decimal(ratio))} %"


def function_points(amount) -> str:
    if amount is None:
        return DASH
    return intcomma(roi.whole_euros(Decimal(amount)))


def number(value: Decimal | None):
    """A JSON or CSV number for a Decimal (None stays None); whole values become integers."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def for_people(value, kind: str) -> str:
    if kind == EUR:
        return euros(value)
    if kind == SHARE:
        return percent(value)
    if kind == FP:
        return function_points(value)
    return DASH if value is None else str(value)


def for_machines(value, kind: str):
    """CSV cells: whole euros, shares to four places, function points as numbers."""
    if value is None:
        return ""
    if kind == EUR:
        return roi.whole_euros(Decimal(value))
    if kind == SHARE:
        return roi.rounded(Decimal(value))
    if kind == FP:
        return number(roi.rounded(Decimal(value), 2))
    return value


def for_json(value):
    """A JSON value for a CSV cell's value: Decimals become numbers, the rest stays."""
    if isinstance(value, Decimal):
        return number(value)
    return value


def plain(value) -> str:
    """A model parameter (RCR, RCWR, a productivity rate) without trailing zeros: 0.200 -> 0.2."""
    if value is None:
        return DASH
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def difference(before, after, kind: str) -> str:
    """How a figure moves, for people: "+EUR 1,200", "-3 pt" (shares in percentage points),
    "=" when it does not; a dash when either side is missing."""
    if before is None or after is None:
        return DASH
    change = Decimal(after) - Decimal(before)
    if change == 0:
        return "="
    sign = "+" if change > 0 else "-"
    if kind == SHARE:
        return f"{sign}{roi.whole_percent(abs(change))} pt"
    return sign + for_people(abs(change), kind)

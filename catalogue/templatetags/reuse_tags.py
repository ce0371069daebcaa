"""Presentation helpers: money, percentages, function points, query strings."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from catalogue import roi

register = template.Library()


@register.filter
def euros(amount):
    """Whole euros with thousands separators: 13130400.00 -> 'EUR 13,130,400'."""
    value = roi.whole_euros(Decimal(amount)) if amount is not None else None
    if value is None:
        return "—"
    return f"EUR {intcomma(value)}"


@register.filter
def percent(ratio):
    value = roi.whole_percent(Decimal(ratio)) if ratio is not None else None
    return "—" if value is None else f"{value} %"


@register.filter
def fp(amount):
    if amount is None:
        return "—"
    return intcomma(roi.whole_euros(Decimal(amount)))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"

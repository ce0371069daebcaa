"""Presentation helpers: money, percentages, function points, query strings."""

from django import template

from catalogue.savings import formats

register = template.Library()

euros = register.filter("euros", formats.euros)
percent = register.filter("percent", formats.percent)
fp = register.filter("fp", formats.function_points)


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

"""Template tags of the component search."""

from django import template

from catalogue.search.engine import highlight

register = template.Library()


@register.simple_tag(takes_context=True)
def highlighted(context, text):
    """``text`` escaped, the words the page's search (``search_plan``) matched marked with
    <mark>; just escaped on pages without a search."""
    return highlight(text, context.get("search_plan"))

"""Template tags of the component search."""

from django import template
from django.utils.html import format_html

from catalogue.models.multilingual import LocalizedText
from catalogue.search.engine import highlight

register = template.Library()


@register.simple_tag(takes_context=True)
def highlighted(context, value, field=None):
    """``value`` (or ``value``'s ``field`` in the visitor's language) escaped, the words the
    page's search (``search_plan``) matched marked with <mark>; just escaped on pages without a
    search. A text shown in another language than the visitor's carries its ``lang``."""
    text = value.localized(field) if field else value
    marked = highlight(text, context.get("search_plan"))
    if isinstance(text, LocalizedText) and text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.language, marked)
    return marked

"""Showing content in the visitor's language, and saying when it is not (WCAG 3.1.2).

- ``{% tr component "name" %}``: the text in the visitor's language; a fallback in another
  language comes wrapped in ``<span lang="fr">``. Also takes a ready ``LocalizedText``
  (``{% tr value.label %}``) or a plain string (only escaped).
- ``{% lang_attr component "long_description" %}``: `` lang="fr"`` on an element whose content
  is a fallback (headings, <title>, meta description, blocks of Markdown), else nothing.
- ``{% translation_notice component "name" "short_description" %}``: one short notice for a
  block or card in which some text is a fallback; objects, lists of objects and
  ``LocalizedText`` values may be mixed, the strings are the fields read on each object.
- ``obj|localized:"short_name"``: the ``LocalizedText`` itself (for translation_notice).
- ``{% language_alternates as alternates %}``: this page in every language (absolute URLs), for
  the ``hreflang`` links and the language switcher; empty when the page has no language
  versions (feeds, errors).
"""

from collections.abc import Iterable

from django import template
from django.conf import settings
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language_info

from catalogue.models.multilingual import LocalizedText, active_language, language_name

register = template.Library()


def _localized(value, field=None):
    """The text of ``field`` on ``value``; a dotted field ("project.name") follows relations."""
    if field is None:
        return value
    *path, field = field.split(".")
    for step in path:
        value = getattr(value, step, None)
    localize = getattr(value, "localized", None)
    if localize is None:
        return getattr(value, field, "")
    return localize(field)


@register.filter
def localized(value, field):
    """``obj|localized:"name"``: the LocalizedText, e.g. to pass to translation_notice."""
    return _localized(value, field)


@register.simple_tag
def tr(value, field=None):
    text = _localized(value, field)
    if isinstance(text, LocalizedText) and text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.language, text)
    return conditional_escape("" if text is None else text)


@register.simple_tag
def lang_attr(value, field=None):
    text = _localized(value, field)
    if isinstance(text, LocalizedText) and text.is_fallback:
        return format_html(' lang="{}"', text.language)
    return ""


def _fallback_languages(values, fields) -> list[str]:
    languages = []

    def visit(value):
        if isinstance(value, LocalizedText):
            if value.is_fallback and value.language not in languages:
                languages.append(value.language)
        elif isinstance(value, Model):
            for field in fields:
                visit(_localized(value, field))
        elif isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
            for item in value:
                visit(item)

    for value in values:
        visit(value)
    return languages


@register.simple_tag
def translation_notice(*args):
    def is_field(arg):
        return isinstance(arg, str) and not isinstance(arg, LocalizedText)

    fields = [arg for arg in args if is_field(arg)]
    values = [arg for arg in args if not is_field(arg)]
    languages = _fallback_languages(values, fields)
    if not languages:
        return ""
    return render_to_string(
        "includes/_translation_notice.html",
        {"languages": ", ".join(language_name(code) for code in languages)},
    )


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[{code, name, url, current}] for every language, or [] if the page has no versions."""
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_reuse_language_alternates", None)
    if cached is not None:
        return cached
    here = request.build_absolute_uri()
    current = active_language()
    urls = {code: translate_url(here, code) for code, _name in settings.LANGUAGES}
    alternates = []
    if len(set(urls.values())) == len(urls):  # a page with one address per language
        alternates = [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
            for code, url in urls.items()
        ]
    request._reuse_language_alternates = alternates
    return alternates


@register.simple_tag(takes_context=True)
def default_language_url(context):
    """This page's address in the default language (``hreflang="x-default"``)."""
    for alternate in language_alternates(context):
        if alternate["code"] == settings.LANGUAGE_CODE:
            return alternate["url"]
    return ""

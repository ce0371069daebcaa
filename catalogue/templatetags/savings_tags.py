"""Form helpers of the savings pages: a field's input tied to its help and error texts."""

from django import template

from catalogue.savings import formats

register = template.Library()

plain = register.filter("plain", formats.plain)


# Django's own names for these ids (what it would put in aria-describedby itself).
def help_id(bound_field) -> str:
    return f"{bound_field.auto_id}_helptext"


def error_id(bound_field) -> str:
    return f"{bound_field.auto_id}_error"


@register.filter
def field_help_id(bound_field):
    return help_id(bound_field)


@register.filter
def field_error_id(bound_field):
    return error_id(bound_field)


@register.simple_tag
def field_input(bound_field, described_by="", own_help=True, **attrs):
    """The field's widget with ``aria-describedby`` naming only ids the page contains (its help
    text unless ``own_help`` is false, its error, and any ``described_by`` given) and
    ``aria-invalid`` when in error."""
    ids = [described_by] if described_by else []
    if bound_field.help_text and own_help:
        ids.append(help_id(bound_field))
    if bound_field.errors:
        ids.append(error_id(bound_field))
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return bound_field.as_widget(
        attrs={key.replace("_", "-"): value for key, value in attrs.items()}
    )


@register.filter
def span_text(span, kind):
    """ "from A to B" for a result's range (``kind``: eur or share); empty without a range."""
    from django.utils.translation import gettext as _

    if span is None:
        return ""
    if span.low is None or span.high is None:
        return _("undefined in part of the range (nothing invested)")
    if span.low == span.high:
        return ""
    return _("from %(low)s to %(high)s") % {
        "low": formats.for_people(span.low, kind),
        "high": formats.for_people(span.high, kind),
    }


@register.filter
def uses_text(uses):
    from django.utils.translation import gettext as _

    return _("never") if uses is None else str(uses)

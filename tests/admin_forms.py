"""Helpers for tests that act as the admin's users: accounts with a role, and POST data built
from the admin's real forms (what a browser would send, hidden fields included), so a test can
post a form unchanged or with a few values changed, as a careful user or an attacker would."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import ModelMultipleChoiceField, MultipleChoiceField

from catalogue.models import Membership
from catalogue.review.groups import ensure_role_groups


def make_user(username, *, editor=False, institutions=()):
    ensure_role_groups()
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw", is_staff=True
    )
    group = settings.EDITORS_GROUP if editor else settings.SUBMITTERS_GROUP
    user.groups.add(Group.objects.get(name=group))
    for institution in institutions:
        Membership.objects.create(user=user, institution=institution)
    return user


def _offered(field, value):
    """What the browser sends back: only the selected values the widget offers (a select
    renders only the options of its queryset)."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or value in (None, ""):
        return value
    values = value if isinstance(value, list | tuple) else [value]
    offered = {str(pk) for pk in queryset.filter(pk__in=values).values_list("pk", flat=True)}
    kept = [item for item in values if str(item) in offered]
    return kept if isinstance(value, list | tuple) else (kept[0] if kept else None)


def _add(data: dict, form) -> None:
    for bound in form:
        value = _offered(bound.field, bound.value())
        if isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None and isinstance(
            bound.field, MultipleChoiceField | ModelMultipleChoiceField
        ):
            data[bound.html_name] = []
        elif value is None:
            data[bound.html_name] = ""
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif isinstance(value, Decimal):
            data[bound.html_name] = format(value, "f")
        else:
            data[bound.html_name] = str(value)


def form_data(response, **changes) -> dict:
    """The POST data of the admin change (or add) page in ``response``, with ``changes``."""
    context = response.context
    data = {}
    _add(data, context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _add(data, formset.management_form)
        for form in formset.forms:
            _add(data, form)
    # A translated field is edited per language (``name_fr``...): an unsuffixed name in
    # ``changes`` means the entry's text in its own language.
    language = changes.get("language") or data.get("language") or settings.LANGUAGE_CODE
    for name, value in changes.items():
        if name not in data and f"{name}_{language}" in data:
            name = f"{name}_{language}"
        data[name] = value
    return data


def get_form(client, url, **changes) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return form_data(response, **changes)

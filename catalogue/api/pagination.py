"""API pagination: page numbers with the total count, or a cursor for deep pages.

``?page=N`` (the default) answers ``count``, ``next``, ``previous`` and ``results``: simple,
but page N costs an OFFSET of N pages and a COUNT of every row. ``?cursor=`` (empty for the
first page, then the ``next`` link) walks the list in the same order by *keyset*: each page
starts after the last row of the previous one, on an index, at the same cost at any depth, with
no count. Malformed parameters answer 400 with the parameter's name.
"""

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal
from functools import partial

from django.db.models import F, OrderBy, Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from catalogue.paging import DeferredPaginator

CURSOR_PARAM = "cursor"


def _ordering(queryset) -> list[tuple[object, bool]]:
    """The queryset's ORDER BY as (expression, descending) pairs, ending with the primary key
    so that every row has a distinct position. An expression is a column (F)."""
    terms = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    ordering = []
    for term in terms:
        if isinstance(term, str):
            expression, descending = F(term.lstrip("-")), term.startswith("-")
        elif isinstance(term, F):
            expression, descending = term, False
        elif isinstance(term, OrderBy) and not (term.nulls_first or term.nulls_last):
            expression, descending = term.expression, term.descending  # no keyset over NULLs
        else:
            raise TypeError(f"cannot paginate by cursor over {term!r}")
        if not isinstance(expression, F):
            raise TypeError(f"cannot paginate by cursor over {term!r}")
        if isinstance(expression, F) and expression.name in ("id", "pk"):
            expression = F("pk")
        ordering.append((expression, descending))
    if not any(_is_pk(expression) for expression, _ in ordering):
        ordering.append((F("pk"), False))
    last = next(i for i, (expression, _) in enumerate(ordering) if _is_pk(expression))
    return ordering[: last + 1]


def _is_pk(expression) -> bool:
    return isinstance(expression, F) and expression.name == "pk"


def _encode(values: list) -> str:
    def plain(value):
        if isinstance(value, datetime | date):
            return {"t": value.isoformat()}
        if isinstance(value, Decimal):
            return {"d": str(value)}
        return value

    raw = json.dumps([plain(value) for value in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(token: str, length: int) -> list:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("not a cursor") from None
    if not isinstance(values, list) or len(values) != length:
        raise ValueError("not a cursor of this list")
    decoded = []
    for value in values:
        if isinstance(value, dict) and set(value) == {"t"} and isinstance(value["t"], str):
            value = parse_datetime(value["t"])
            if value is None:
                raise ValueError("bad date")
        elif isinstance(value, dict) and set(value) == {"d"}:
            value = Decimal(str(value["d"]))
        elif not isinstance(value, str | int | float | bool) and value is not None:
            raise ValueError("bad value")
        decoded.append(value)
    return decoded


def _after(keys: list[str], descending: list[bool], values) -> Q:
    """Rows strictly after ``values``: the lexicographic keyset condition over the annotated
    ``keys``, (a > x) or (a = x and b > y) or ..., with < for descending terms."""
    condition = Q()
    for index, key in enumerate(keys):
        step = Q(**{f"{key}__{'lt' if descending[index] else 'gt'}": values[index]})
        for earlier in range(index):
            step &= Q(**{keys[earlier]: values[earlier]})
        condition |= step
    return condition


class CataloguePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        for name, minimum in ((self.page_query_param, 1), (self.page_size_query_param, 1)):
            raw = request.query_params.get(name)
            if raw is None or (raw == "last" and name == self.page_query_param):
                continue
            if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
                errors[name] = [_("Enter a whole number of at least %(min)d.") % {"min": minimum}]
            elif name == self.page_size_query_param and int(raw) > self.max_page_size:
                errors[name] = [
                    _("Enter a whole number of at most %(max)d.") % {"max": self.max_page_size}
                ]
        cursor = request.query_params.get(CURSOR_PARAM)
        if cursor is not None and request.query_params.get(self.page_query_param) is not None:
            errors[CURSOR_PARAM] = [_("Give either a page number or a cursor, not both.")]
        if errors:
            raise ValidationError(errors)
        if cursor is None:
            self.cursor_mode = False
            # A listing whose FilterSet can narrow without ranking (components) is counted so
            # (catalogue.api.filtering keeps the FilterSet on the view).
            narrowed = getattr(getattr(view, "filterset", None), "narrowed", None)
            if narrowed is not None:
                self.django_paginator_class = partial(
                    DeferredPaginator, counted=narrowed(), rows=getattr(view, "page_rows", None)
                )
            return super().paginate_queryset(queryset, request, view)
        return self.paginate_by_cursor(queryset, request, cursor)

    def paginate_by_cursor(self, queryset, request, cursor: str):
        self.cursor_mode = True
        self.request = request
        try:
            ordering = _ordering(queryset)
        except TypeError:
            message = _("This list has no cursor pagination: use page numbers.")
            raise ValidationError({CURSOR_PARAM: [message]}) from None
        # The ordering values as the database holds and compares them, through annotations (a
        # translated field's attribute is the text in the visitor's language, not its column).
        keys = {f"_cursor_{index}": expression for index, (expression, _) in enumerate(ordering)}
        queryset = queryset.annotate(**keys)
        if cursor:
            try:
                values = _decode(cursor, len(ordering))
            except ValueError:
                raise ValidationError({CURSOR_PARAM: [_("This cursor is not valid.")]}) from None
            queryset = queryset.filter(
                _after(list(keys), [descending for _, descending in ordering], values)
            )
        size = self.get_page_size(request)
        rows = list(queryset[: size + 1])
        self.page_rows = rows[:size]
        self.next_cursor = None
        if len(rows) > size:
            last = self.page_rows[-1]
            self.next_cursor = _encode([getattr(last, key) for key in keys])
        return self.page_rows

    def get_paginated_response(self, data):
        if not getattr(self, "cursor_mode", False):
            return super().get_paginated_response(data)
        url = self.request.build_absolute_uri()
        next_url = None
        if self.next_cursor is not None:
            next_url = replace_query_param(url, CURSOR_PARAM, self.next_cursor)
        # Forward only: a walk restarts from ``?cursor=`` (no previous link, no count).
        return Response({"next": next_url, "previous": None, "results": data})

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["next", "previous", "results"]
        paginated["properties"]["count"]["description"] = (
            "How many rows in all (page mode; absent with `cursor`)."
        )
        return paginated

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        parameters.append(
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    "Keyset pagination for deep pages: empty for the first page, then the "
                    "`next` link's value. Same order as page mode, constant cost at any depth, "
                    "no `count`. Not with `page`."
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters

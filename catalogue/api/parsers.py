"""JSON bodies with a bounded nesting depth: a deeply nested document is a 400, never a
RecursionError (a 500)."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# The deepest document the API accepts (the calculator needs 4: scenario, projects, project,
# reuse rows); generous, and far below Python's recursion limit.
MAX_DEPTH = 32


def _too_deep(document, limit: int) -> bool:
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON document is nested too deeply.")) from None
        if _too_deep(document, MAX_DEPTH):
            raise ParseError(
                _("The JSON document is nested more than %(max)d levels deep.") % {"max": MAX_DEPTH}
            )
        return document

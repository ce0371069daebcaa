"""What text fields may hold, checked by the models themselves (so every path that validates,
admin form, inline, import or loader, gets the same rule):

* single-line fields (every ``CharField``) hold no control characters: a name with CR/LF breaks
  mail headers, feeds and exports;
* web addresses (every ``URLField``) are absolute http(s) URLs without quotes, spaces or angle
  brackets, which Django's URL validator lets through in the path or fragment and which break
  the RDF and HTML they end up in.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that RFC 3986 does not allow unescaped anywhere in a URL, and whitespace.
UNSAFE_URL_CHARACTERS = re.compile(r"[\s\"'<>`{}|\\^\x00-\x1f\x7f]")

_web_url = URLValidator(schemes=["http", "https"])


def validate_single_line(value: str) -> None:
    if value and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Line breaks and other control characters are not allowed here."),
            code="control_characters",
        )


def validate_web_url(value: str) -> None:
    if not value:
        return
    if UNSAFE_URL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "Enter a web address without spaces, quotes or angle brackets "
                "(percent-encode them)."
            ),
            code="unsafe_url",
        )
    _web_url(value)


class CleanTextMixin:
    """Applies the two rules above to every single-line and URL field of a model."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            value = getattr(self, field.attname)
            if not isinstance(value, str) or not value:
                continue
            validator = (
                validate_web_url
                if isinstance(field, models.URLField)
                else validate_single_line
                if isinstance(field, models.CharField)
                else None
            )
            if validator is None:
                continue
            try:
                validator(value)
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)

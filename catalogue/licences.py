"""Licences: SPDX expressions (checked against the SPDX list that license-expression ships), and
the catalogue's two other cases, "restricted" and not stated (empty).

One home for the rule, used by the model (so no path can store an invalid value), the
publiccode.yml validator and the exports.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from license_expression import get_spdx_licensing

# Software that is not released under a public licence.
RESTRICTED = "restricted"

_spdx = get_spdx_licensing()
# SPDX's own escape for licences outside its list.
LICENSE_REF = re.compile(r"^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$")


# SPDX's "or any later version" operator written after an identifier (`EUPL-1.1+`).
OR_LATER = re.compile(r"(?<=[A-Za-z0-9.])\+(?=\s|\)|$)")


def is_spdx_expression(expression) -> bool:
    """A valid SPDX licence expression (identifiers from the SPDX list, LicenseRef-...)."""
    if not isinstance(expression, str) or not expression.strip():
        return False
    return _valid(expression) or (
        OR_LATER.search(expression) is not None and _valid(OR_LATER.sub("", expression))
    )


def _valid(expression: str) -> bool:
    try:
        info = _spdx.validate(expression, strict=True)
    except Exception:
        return False
    unknown = [symbol for symbol in info.invalid_symbols if not LICENSE_REF.match(str(symbol))]
    other_errors = [error for error in info.errors if not error.startswith("Unknown license key")]
    return not unknown and not other_errors


def canonical(expression: str) -> str:
    """The expression with the SPDX list's spelling of each identifier (mit -> MIT)."""
    if not is_spdx_expression(expression):
        return expression
    return _spdx.validate(expression, strict=True).normalized_expression or expression


def identifiers(expression: str) -> list[str]:
    """The licence identifiers an expression names (EUPL-1.2 OR MIT -> [EUPL-1.2, MIT])."""
    if not is_spdx_expression(expression):
        return []
    return [str(key) for key in _spdx.license_keys(_spdx.parse(expression), unique=True)]


def validate_licence(value: str) -> None:
    """Model and form validator: empty (not stated), "restricted", or an SPDX expression."""
    if value in ("", RESTRICTED) or is_spdx_expression(value):
        return
    raise ValidationError(
        _(
            "“%(value)s” is not an SPDX licence identifier or expression (for example "
            "“EUPL-1.2” or “Apache-2.0 OR MIT”); enter “restricted” for software without a "
            "public licence, or leave it empty when it is not stated."
        ),
        code="invalid_licence",
        params={"value": value},
    )

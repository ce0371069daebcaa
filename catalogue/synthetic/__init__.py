"""Synthetic catalogues for benchmarks and load tests (``manage.py generate_catalogue``)."""

from .generator import (
    MEASURED_YEAR,
    SLUG_PREFIX,
    SYNTHETIC,
    SyntheticDataError,
    clear_synthetic,
    generate,
    holds_other_data,
    holds_synthetic_data,
)
from .vocabulary import RARE_WORDS

__all__ = [
    "MEASURED_YEAR",
    "RARE_WORDS",
    "SLUG_PREFIX",
    "SYNTHETIC",
    "SyntheticDataError",
    "clear_synthetic",
    "generate",
    "holds_other_data",
    "holds_synthetic_data",
]

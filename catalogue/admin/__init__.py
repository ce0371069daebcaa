"""Admin for catalogue editors and institution submitters: one module per area."""

from . import catalogue, measurement, review  # noqa: F401 (registers the ModelAdmins)

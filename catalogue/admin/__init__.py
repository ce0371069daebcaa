"""Admin for catalogue editors: one module per area."""

from . import catalogue, measurement  # noqa: F401 (registers the ModelAdmins)

"""Who may do what: catalogue editors and institution submitters.

Editors (superusers, or members of the editors' group) see and edit everything. A submitter is a
staff user with memberships: they see and edit only their institutions' entries.
"""

from django.conf import settings

from catalogue.models import Institution


def is_editor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_reuse_is_editor", None)
    if cached is None:
        cached = user.groups.filter(name=settings.EDITORS_GROUP).exists()
        user._reuse_is_editor = cached
    return cached


def institution_ids(user) -> set[int]:
    """The institutions a user submits for (cached on the user for the request)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_reuse_institution_ids", None)
    if cached is None:
        cached = set(user.memberships.values_list("institution_id", flat=True))
        user._reuse_institution_ids = cached
    return cached


def institutions(user):
    return Institution.objects.filter(pk__in=institution_ids(user)).order_by("name")

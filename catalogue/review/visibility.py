"""What an institution's submitter may link to: published entries, and their own institutions'
entries, never another institution's unpublished work.

One rule for every path that sets a relation (admin forms and inlines, the publiccode.yml
import, an approval): the form fields offer only what ``linkable_components`` returns, the
services check with ``check_components``, and links a submitter may not see are kept as they
are by any save (``hidden_components``). Messages say the same thing whether an entry is
another institution's draft or does not exist, so they reveal nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Component, Project, Publication
from catalogue.review import roles

# Who acts: None for editors (they may link anything), else their institutions' ids.
Scope = frozenset[int] | None

NOT_LINKABLE = _("Choose published entries or entries of your institution.")


def scope_of(user) -> Scope:
    if roles.is_editor(user):
        return None
    return frozenset(roles.institution_ids(user))


def institution_scope(institution) -> Scope:
    """The scope of work done on behalf of one institution (an import)."""
    return frozenset({institution.pk})


def entry_scope(entry) -> Scope:
    """The institutions an entry belongs to (its owner, institution or clients)."""
    if isinstance(entry, Component):
        return frozenset({entry.owner_id})
    if isinstance(entry, Project):
        return frozenset(entry.clients.values_list("pk", flat=True))
    institution_id = getattr(entry, "institution_id", None)
    return frozenset({institution_id} - {None})


def linkable_components(scope: Scope):
    components = Component.objects.all()
    if scope is None:
        return components
    return components.filter(Q(publication=Publication.PUBLISHED) | Q(owner__in=scope))


def linkable_projects(scope: Scope):
    # Projects have no publication state: they are public from the start.
    return Project.objects.all()


def hidden_components(scope: Scope, ids: Iterable[int]) -> set[int]:
    """Of ``ids``, those the scope may not see (kept as they are by any save)."""
    ids = set(ids)
    if scope is None or not ids:
        return set()
    return ids - set(linkable_components(scope).filter(pk__in=ids).values_list("pk", flat=True))


def check_components(scope: Scope, ids: Iterable[int], *, field: str) -> None:
    """Refuse links to components the scope may not link (or that do not exist)."""
    ids = {int(pk) for pk in ids}
    if not ids:
        return
    found = set(linkable_components(scope).filter(pk__in=ids).values_list("pk", flat=True))
    if ids - found:
        raise ValidationError({field: NOT_LINKABLE}, code="not_linkable")

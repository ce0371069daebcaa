"""The review workflow of components and case studies (services: the only writers of states).

draft ──submit──▶ submitted ──publish──▶ published
  ▲                   │
  └──── rejected ◀──reject (with a reason, shown to the submitter)

A submitter's edit of a published entry becomes a PendingChange; publishing applies it, rejecting
keeps the published version and returns the reason.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from catalogue.models import PendingChange, Publication
from catalogue.models.pending import PendingStatus
from catalogue.review import notifications

# Fields the workflow owns: never taken from a proposed change.
WORKFLOW_FIELDS = {"publication", "review_note", "created", "updated", "id"}


class WorkflowError(ValidationError):
    """A move the workflow does not allow; ``field`` names the form field to blame."""

    def __init__(self, message, field: str = "publication"):
        super().__init__(message)
        self.field = field


def pending_change(entry) -> PendingChange | None:
    return PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk
    ).first()


def _last_submitter(entry):
    pending = pending_change(entry)
    if pending is not None and pending.submitted_by is not None:
        return pending.submitted_by
    # The author of the latest transition into "submitted" (later saves may keep the state).
    records = list(
        entry.history.select_related("history_user").order_by("-history_date", "-history_id")[:100]
    )
    for index, record in enumerate(records):
        before = records[index + 1].publication if index + 1 < len(records) else None
        if record.publication == Publication.SUBMITTED and before != Publication.SUBMITTED:
            return record.history_user
    return None


def _save(entry, by, fields):
    entry._history_user = by
    entry.save(update_fields=[*fields, "updated"])


@transaction.atomic
def submit(entry, *, by, request=None):
    check_transition(entry, Publication.SUBMITTED)
    entry.publication = Publication.SUBMITTED
    entry.review_note = ""
    _save(entry, by, ["publication", "review_note"])
    notifications.submitted(entry, by=by, request=request)


def form_data(cleaned_data: dict) -> dict:
    """JSON-safe values of a model form's cleaned data (related objects by primary key)."""
    data = {}
    for name, value in cleaned_data.items():
        if name in WORKFLOW_FIELDS:
            continue
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, models.QuerySet | list | tuple):
            value = sorted(item.pk if isinstance(item, models.Model) else item for item in value)
        elif isinstance(value, Decimal):
            value = str(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[name] = value
    return data


@transaction.atomic
def propose_change(entry, *, data: dict, by, request=None) -> PendingChange:
    """Keep a submitter's edit of a published entry for review; the entry is not touched."""
    pending, _created = PendingChange.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(entry),
        object_id=entry.pk,
        defaults={
            "data": data,
            "status": PendingStatus.SUBMITTED,
            "review_note": "",
            "submitted_by": by,
        },
    )
    notifications.submitted(entry, by=by, request=request, change=True)
    return pending


def apply_data(entry, data: dict):
    """Write proposed values onto an entry (and its many-to-many relations)."""
    many = {}
    for name, value in data.items():
        if name in WORKFLOW_FIELDS:
            continue
        try:
            field = entry._meta.get_field(name)
        except FieldDoesNotExist:  # a field removed since the proposal
            continue
        if field.many_to_many:
            many[name] = value or []
        elif field.many_to_one:
            setattr(entry, field.attname, value)
        elif isinstance(field, models.DecimalField):
            setattr(entry, name, None if value in (None, "") else Decimal(value))
        elif isinstance(field, models.DateField) and isinstance(value, str):
            setattr(entry, name, field.to_python(value))
        else:
            setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    for name, ids in many.items():
        getattr(entry, name).set(ids)


@transaction.atomic
def publish(entry, *, by, request=None):
    recipient = _last_submitter(entry)
    pending = pending_change(entry)
    if pending is not None and pending.status == PendingStatus.SUBMITTED:
        entry._history_user = by
        apply_data(entry, pending.data)
    if pending is not None:
        pending.delete()
    entry.publication = Publication.PUBLISHED
    entry.review_note = ""
    _save(entry, by, ["publication", "review_note"])
    if recipient is not None and recipient != by:
        notifications.decided(entry, recipient=recipient, approved=True, request=request)


@transaction.atomic
def reject(entry, *, by, reason: str, request=None):
    check_transition(entry, Publication.REJECTED, note=reason)
    reason = reason.strip()
    recipient = _last_submitter(entry)
    if entry.publication == Publication.PUBLISHED:
        pending = pending_change(entry)
        pending.status = PendingStatus.REJECTED
        pending.review_note = reason
        pending.save(update_fields=["status", "review_note", "updated"])
    else:
        entry.publication = Publication.REJECTED
        entry.review_note = reason
        _save(entry, by, ["publication", "review_note"])
    if recipient is not None:
        notifications.decided(
            entry, recipient=recipient, approved=False, note=reason, request=request
        )


@transaction.atomic
def unpublish(entry, *, by):
    entry.publication = Publication.DRAFT
    _save(entry, by, ["publication"])


def check_transition(entry, to: str, *, note: str = "") -> None:
    """Raise WorkflowError, with a message for the editor, when ``entry`` cannot move to
    ``to``: the one statement of which moves the workflow allows. Publishing and withdrawing
    to draft are always allowed."""
    current = entry.publication
    if to == Publication.SUBMITTED and current not in (Publication.DRAFT, Publication.REJECTED):
        raise WorkflowError(_("Only drafts and rejected entries can be submitted."))
    if to == Publication.REJECTED:
        waiting = current == Publication.SUBMITTED or (
            current == Publication.PUBLISHED and pending_change(entry) is not None
        )
        if not waiting:
            raise WorkflowError(_("Only entries submitted for review can be rejected."))
        if not (note or "").strip():
            raise WorkflowError(
                _("Say why the entry is rejected: the submitter reads it."), field="review_note"
            )


def transition(entry, to: str, *, by, note: str = "", request=None) -> None:
    """Move ``entry`` to the state ``to`` through the matching service (an editor's choice in
    the entry's form)."""
    if to == Publication.PUBLISHED:
        publish(entry, by=by, request=request)
    elif to == Publication.REJECTED:
        reject(entry, by=by, reason=note, request=request)
    elif to == Publication.SUBMITTED:
        submit(entry, by=by, request=request)
    else:
        unpublish(entry, by=by)

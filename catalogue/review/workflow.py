"""The review workflow (services: the only writers of publication states and pending changes).

draft ──submit──▶ submitted ──publish──▶ published
  ▲                   │
  └──── rejected ◀──reject (with a reason, shown to the submitter)

A submitter's edit of a published entry, or of a project (public from the start, and its
measurement feeds the published savings), becomes a PendingChange holding only the fields it
changes, with the values and the version it was based on. ``approve`` applies those fields and
is refused when one of them changed since; ``reject`` keeps the published version and returns
the reason; ``unpublish`` settles a waiting change (rejected: the draft is edited directly).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Component, PendingChange, Publication
from catalogue.models.pending import PendingStatus
from catalogue.review import changes, notifications, visibility


class WorkflowError(ValidationError):
    """A move the workflow does not allow; ``field`` names the form field to blame."""

    def __init__(self, message, field: str = "publication"):
        super().__init__(message)
        self.field = field


class StaleChange(WorkflowError):
    """Fields a pending change sets were changed since it was proposed. ``conflicts`` lists
    (field name, value it was based on, value now, proposed value)."""

    def __init__(self, conflicts: list[tuple[str, object, object, object]]):
        super().__init__(
            _(
                "Not applied: %(fields)s changed since this change was proposed. Reject it "
                "with a note, or ask for a new proposal based on the current version."
            )
            % {"fields": ", ".join(name for name, *_values in conflicts)}
        )
        self.conflicts = conflicts


UNPUBLISHED_NOTE = gettext_lazy(
    "The entry was withdrawn from publication before this change was reviewed; edit the draft "
    "and submit it again."
)


def pending_change(entry) -> PendingChange | None:
    return PendingChange.objects.filter(
        content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk
    ).first()


def _waiting_change(entry) -> PendingChange | None:
    pending = pending_change(entry)
    return pending if pending is not None and pending.status == PendingStatus.SUBMITTED else None


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


@transaction.atomic
def propose_change(
    entry, *, data: dict, base: dict, base_version: int | None, by, request=None
) -> PendingChange:
    """Keep a submitter's edit of ``entry`` for review; the entry is not touched. ``data``:
    the fields it changes (JSON values); ``base``: their values when the edit began.

    A change already waiting is extended, not replaced: its fields stay (with the values they
    were based on) unless this edit sets them again, so a second edit never drops the first."""
    content_type = ContentType.objects.get_for_model(entry)
    waiting = (
        PendingChange.objects.select_for_update()
        .filter(content_type=content_type, object_id=entry.pk, status=PendingStatus.SUBMITTED)
        .first()
    )
    if waiting is not None:
        data = {**waiting.data, **data}
        base = {**base, **waiting.base}
        base_version = waiting.base_version
    pending, _created = PendingChange.objects.update_or_create(
        content_type=content_type,
        object_id=entry.pk,
        defaults={
            "data": data,
            "base": base,
            "base_version": base_version,
            "status": PendingStatus.SUBMITTED,
            "review_note": "",
            "submitted_by": by,
        },
    )
    notifications.submitted(entry, by=by, request=request, change=True)
    return pending


def propose_differences(
    stored, proposed: dict, *, base_version: int | None, by, request=None, not_alone=()
) -> PendingChange | None:
    """Propose the fields of ``proposed`` (a form's or an import's values) that differ from
    ``stored``, each based on its stored value; None when nothing differs (nothing is
    proposed), or when only fields of ``not_alone`` do (not a change on their own)."""
    current = changes.snapshot(stored, proposed)
    data = changes.differences(current, proposed)
    if data.keys() <= set(not_alone):
        return None
    return propose_change(
        stored,
        data=data,
        base={name: current[name] for name in data},
        base_version=base_version,
        by=by,
        request=request,
    )


@transaction.atomic
def propose_new(model, *, data: dict, by, request=None) -> PendingChange:
    """Keep a submitter's new entry (a project: public once it exists) for review."""
    pending = PendingChange.objects.create(
        content_type=ContentType.objects.get_for_model(model), data=data, submitted_by=by
    )
    notifications.submitted(pending, by=by, request=request, change=False)
    return pending


def conflicts(pending: PendingChange, entry) -> list[tuple[str, object, object, object]]:
    """The fields of ``pending`` whose value changed since it was proposed."""
    found = []
    for name, proposed in pending.data.items():
        if name not in pending.base:
            continue  # proposed before bases were recorded: nothing to compare with
        now = changes.current_value(entry, name)
        if now != pending.base[name]:
            found.append((name, pending.base[name], now, proposed))
    return found


def _check_links(pending: PendingChange, entry) -> None:
    """The submitter may still link what the change adds (an entry may have been withdrawn
    since it was proposed)."""
    user = pending.submitted_by
    if user is not None:
        scope = visibility.scope_of(user)
    else:  # an import by command: on behalf of the entry's institutions
        scope = visibility.entry_scope(entry) if entry is not None else frozenset()
    model = pending.content_type.model_class()
    for name, proposed in pending.data.items():
        before = pending.base.get(name) if entry is not None else None
        if name == changes.REUSES:
            added = {row["component"] for row in proposed} - {
                row["component"] for row in before or []
            }
        else:
            field = changes.model_field(model, name)
            if field is None or field.related_model is not Component:
                continue
            as_set = set(proposed or []) if field.many_to_many else {proposed} - {None}
            was = set(before or []) if field.many_to_many else {before} - {None}
            added = as_set - was
        visibility.check_components(scope, added, field=name)


def apply_change(pending: PendingChange, *, by):
    """Apply ``pending`` (its fields only) to its entry, or create the entry it proposes;
    raises StaleChange or ValidationError. Leaves ``pending`` in place (see ``approve``)."""
    model = pending.content_type.model_class()
    if pending.is_new_entry:
        entry = model()
    else:
        entry = model._base_manager.select_for_update().filter(pk=pending.object_id).first()
        if entry is None:
            raise WorkflowError(_("The entry no longer exists."))
        found = conflicts(pending, entry)
        if found:
            raise StaleChange(found)
    _check_links(pending, entry if not pending.is_new_entry else None)
    changes.apply(entry, pending.data, by=by)
    return entry


@transaction.atomic
def approve(pending: PendingChange, *, by, request=None):
    """Apply a waiting change and settle it; returns the entry."""
    pending = PendingChange.objects.select_for_update().filter(pk=pending.pk).first()
    if pending is None or pending.status != PendingStatus.SUBMITTED:
        raise WorkflowError(_("This change was already decided."))
    entry = apply_change(pending, by=by)
    recipient = pending.submitted_by
    pending.delete()
    if recipient is not None and recipient != by:
        notifications.decided(entry, recipient=recipient, approved=True, request=request)
    return entry


@transaction.atomic
def reject_change(pending: PendingChange, *, by, reason: str, request=None):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(
            _("Say why the change is rejected: the submitter reads it."), field="review_note"
        )
    pending.status = PendingStatus.REJECTED
    pending.review_note = reason
    pending.save(update_fields=["status", "review_note", "updated"])
    if pending.submitted_by is not None:
        subject = pending.entry if not pending.is_new_entry else pending
        notifications.decided(
            subject, recipient=pending.submitted_by, approved=False, note=reason, request=request
        )


@transaction.atomic
def publish(entry, *, by, request=None):
    """Publish ``entry``; on a published entry, approve its waiting change."""
    waiting = _waiting_change(entry)
    if entry.is_published and waiting is not None:
        approve(waiting, by=by, request=request)
        return
    recipient = _last_submitter(entry)
    leftover = pending_change(entry)
    if leftover is not None:
        leftover.delete()  # a rejected proposal, or one made before the entry was withdrawn
    entry.publication = Publication.PUBLISHED
    entry.review_note = ""
    _save(entry, by, ["publication", "review_note"])
    if recipient is not None and recipient != by:
        notifications.decided(entry, recipient=recipient, approved=True, request=request)


@transaction.atomic
def reject(entry, *, by, reason: str, request=None):
    check_transition(entry, Publication.REJECTED, note=reason)
    if entry.publication == Publication.PUBLISHED:
        reject_change(_waiting_change(entry), by=by, reason=reason, request=request)
        return
    reason = reason.strip()
    recipient = _last_submitter(entry)
    entry.publication = Publication.REJECTED
    entry.review_note = reason
    _save(entry, by, ["publication", "review_note"])
    if recipient is not None:
        notifications.decided(
            entry, recipient=recipient, approved=False, note=reason, request=request
        )


@transaction.atomic
def unpublish(entry, *, by, request=None):
    """Back to draft. A change waiting for review is settled (rejected, with a note): it was
    based on the published version, and the draft is now edited directly."""
    waiting = _waiting_change(entry)
    if waiting is not None:
        reject_change(waiting, by=by, reason=str(UNPUBLISHED_NOTE), request=request)
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
            current == Publication.PUBLISHED and _waiting_change(entry) is not None
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
        unpublish(entry, by=by, request=request)

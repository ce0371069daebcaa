"""An edit as data: the fields it changes, each as a JSON value, with the values it was based on.

Pending changes store edits this way (so approving applies only those fields, and can tell
whether one of them changed since), and stale saves are explained with it. A project's reuse
rows (its measurement) count as one field, ``reuses``.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile

from catalogue.models import ComponentReuse, Project
from catalogue.models.project import reuse_exceeds_message
from catalogue.savings import roi

# Fields the workflow owns, or nobody edits: never part of a change.
WORKFLOW_FIELDS = {"publication", "review_note", "created", "updated", "id", "version"}
# A project's reuse rows, as one field.
REUSES = "reuses"
REUSE_FIELDS = ("component", "fp", "relative_cost", "note")


def model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a field removed since the change was proposed
        return None


def serialize(field, value):
    """A form's or a model's value of ``field`` as JSON: related objects by primary key (sorted
    for many-to-many), decimals as text with the field's places, dates in ISO format."""
    if field.many_to_many:
        return sorted(item.pk if isinstance(item, models.Model) else int(item) for item in value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(field, models.FileField):
        return _stored_file_name(field, value)
    if value is None:
        return None
    if isinstance(field, models.DecimalField):
        return str(Decimal(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _stored_file_name(field, value) -> str | None:
    """A file by its name in storage: a new upload is stored now (under a name of its own),
    so that the change waiting for review can name it; cleared or absent: None."""
    if isinstance(value, UploadedFile):
        return field.storage.save(field.generate_filename(None, value.name), value)
    if isinstance(value, FieldFile):
        return value.name or None
    return value or None


def reuse_rows(project) -> list[dict]:
    return rows_of(ComponentReuse.objects.filter(project=project))


def rows_of(reuses) -> list[dict]:
    """Reuse rows (a QuerySet of ComponentReuse) as JSON, by component."""
    return [
        _row(reuse.component_id, reuse.fp, reuse.relative_cost, reuse.note)
        for reuse in reuses.order_by("component_id")
    ]


def _row(component, fp, relative_cost, note) -> dict:
    return {
        "component": component.pk if isinstance(component, models.Model) else component,
        "fp": serialize(ComponentReuse._meta.get_field("fp"), fp),
        "relative_cost": serialize(ComponentReuse._meta.get_field("relative_cost"), relative_cost),
        "note": note or "",
    }


def rows_from_formset(formset, kept: list[dict]) -> list[dict]:
    """The rows a valid reuse formset describes, plus ``kept`` rows (not offered to the user)."""
    rows = list(kept)
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE") or not data.get("component"):
            continue
        rows.append(_row(data["component"], data.get("fp"), data.get("relative_cost"),
                         data.get("note")))  # fmt: skip
    return sorted(rows, key=lambda row: row["component"])


def current_value(entry, name: str):
    if name == REUSES:
        return reuse_rows(entry)
    field = model_field(type(entry), name)
    if field is None:
        return None
    if field.many_to_many:
        return sorted(getattr(entry, name).values_list("pk", flat=True))
    return serialize(field, getattr(entry, field.attname))


def snapshot(entry, names) -> dict:
    return {name: current_value(entry, name) for name in names}


def values_from_form(model, cleaned_data: dict) -> dict:
    """The model fields of a form's cleaned data, as JSON."""
    values = {}
    for name, value in cleaned_data.items():
        field = model_field(model, name)
        if field is None or name in WORKFLOW_FIELDS or not (field.concrete or field.many_to_many):
            continue
        values[name] = serialize(
            field, value if value is not None or not field.many_to_many else []
        )
    return values


def differences(stored: dict, proposed: dict) -> dict:
    """The proposed values that differ from the stored ones."""
    return {name: value for name, value in proposed.items() if stored.get(name) != value}


def apply(entry, data: dict, *, by=None):
    """Write ``data`` (field name -> JSON value) onto ``entry`` (saved, validated) and its
    relations. Raises ValidationError when the result is not valid."""
    many = {}
    for name, value in data.items():
        field = model_field(type(entry), name)
        if name in WORKFLOW_FIELDS or name == REUSES or field is None:
            continue
        if field.many_to_many:
            many[name] = value or []
        elif field.many_to_one:
            setattr(entry, field.attname, value)
        else:
            setattr(entry, field.attname, field.to_python(value))
    entry.full_clean()
    entry._history_user = by
    entry.save()
    for name, ids in many.items():
        getattr(entry, name).set(ids)
    if REUSES in data and isinstance(entry, Project):
        _sync_reuses(entry, data[REUSES])


def _sync_reuses(project: Project, rows: list[dict]):
    wanted = {}
    for row in rows:
        reuse = ComponentReuse(
            project=project,
            component_id=row["component"],
            fp=None if row.get("fp") in (None, "") else Decimal(row["fp"]),
            relative_cost=(
                None if row.get("relative_cost") in (None, "") else Decimal(row["relative_cost"])
            ),
            note=row.get("note") or "",
        )
        reuse.clean_fields(exclude=["project"])
        wanted[reuse.component_id] = reuse
    fps = [reuse.fp for reuse in wanted.values() if reuse.fp is not None]
    if project.new_fp is not None:
        try:
            roi.check_reuse_fits(project.new_fp, fps)
        except roi.RoiInputError:
            raise ValidationError({REUSES: reuse_exceeds_message(project.new_fp, fps)}) from None
    existing = {reuse.component_id: reuse for reuse in project.reuses.all()}
    for component_id, reuse in existing.items():
        if component_id not in wanted:
            reuse.delete()
    for component_id, reuse in wanted.items():
        current = existing.get(component_id)
        if current is None:
            reuse.save()
        elif _row(current.component_id, current.fp, current.relative_cost, current.note) != _row(
            reuse.component_id, reuse.fp, reuse.relative_cost, reuse.note
        ):
            current.fp, current.relative_cost, current.note = (
                reuse.fp, reuse.relative_cost, reuse.note,
            )  # fmt: skip
            current.save()

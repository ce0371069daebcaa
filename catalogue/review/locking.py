"""Optimistic locking in the admin: every edit form carries the version of the entry it was
opened on (a hidden field); saving it over a newer version is refused, with the differences
between the form and the saved entry, instead of silently overwriting someone's save.

The check runs twice: in the form (a clear form error in almost every case) and in
``Versioned.save`` under a row lock (two saves racing past the form check: the second one is
refused with a message, its transaction rolled back).
"""

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import StaleVersion, Versioned

VERSION_FIELD = "based_on_version"


def stored_version(entry) -> int | None:
    return type(entry)._base_manager.filter(pk=entry.pk).values_list("version", flat=True).first()


def _shown(field, value) -> str:
    """A form value as a person reads it. Related entries are named only when the form's field
    offers them (so a submitter never reads the name of another institution's draft)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        ids = [item.pk if isinstance(item, models.Model) else item for item in value or []]
        names = [str(item) for item in field.queryset.filter(pk__in=ids)]
        return ", ".join(sorted(names)) or "—"
    if isinstance(field, forms.ModelChoiceField):
        if value is None or value == "":
            return "—"
        pk = value.pk if isinstance(value, models.Model) else value
        item = field.queryset.filter(pk=pk).first()
        return str(item) if item is not None else "—"
    if value in (None, ""):
        return "—"
    return Truncator(str(value)).chars(120)


class VersionedModelForm(forms.ModelForm):
    """The admin's model form, with the version it edits."""

    based_on_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self._versioned():
            self.fields.pop(VERSION_FIELD, None)
        elif not self.is_bound:
            # The stored version, not the instance's: a history form shows an old version.
            self.initial[VERSION_FIELD] = stored_version(self.instance)

    def _versioned(self) -> bool:
        return isinstance(self.instance, Versioned) and self.instance.pk is not None

    def clean(self):
        data = super().clean()
        if not self._versioned() or VERSION_FIELD not in self.fields:
            return data
        based_on = data.get(VERSION_FIELD)
        stored = stored_version(self.instance)
        if based_on is None:
            raise forms.ValidationError(
                _("This form does not say which version of the entry it edits: reload the page."),
                code="no_version",
            )
        if stored is not None and based_on != stored:
            raise forms.ValidationError(self.stale_messages(based_on, stored), code="stale")
        self.instance.expect_version(based_on)
        return data

    def stale_messages(self, based_on: int, stored: int) -> list[str]:
        lines = [
            _(
                "Someone saved this entry after you opened it (you edited version %(mine)s; "
                "version %(now)s is saved). Nothing was saved. Reload the page to edit the saved "
                "version; your values are still in this form to copy."
            )
            % {"mine": based_on, "now": stored}
        ]
        for name in self.changed_data:
            if name == VERSION_FIELD or name not in self.fields:
                continue
            field = self.fields[name]
            saved = _shown(field, self.get_initial_for_field(field, name))
            yours = _shown(field, self.cleaned_data.get(name, self.data.get(self.add_prefix(name))))
            if saved != yours:
                lines.append(
                    _("%(field)s — saved: %(saved)s; yours: %(yours)s")
                    % {"field": field.label or name, "saved": saved, "yours": yours}
                )
        return lines


class VersionedAdminMixin:
    """Admin of versioned models: the version field in every form, and a save that lost the
    race answered with a message, never a 500."""

    form = VersionedModelForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not issubclass(self.model, Versioned):
            return fieldsets
        names = {name for _title, options in fieldsets for name in options.get("fields", ())}
        if VERSION_FIELD in names:
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if (obj is None or not issubclass(self.model, Versioned)) and VERSION_FIELD in fields:
            fields.remove(VERSION_FIELD)
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleVersion as stale:
            self.message_user(request, STALE_AT_SAVE % {"now": stale.current}, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


STALE_AT_SAVE = gettext_lazy(
    "Someone saved this entry while you were saving it (now version %(now)s). Nothing of yours "
    "was saved: reload the page and make your change again."
)

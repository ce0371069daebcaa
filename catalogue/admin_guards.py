"""Guards for the Django admin against crafted input it would otherwise answer with a 500.

* An autocomplete field re-rendered with a value that is not a key (``clients=abc``): Django's
  widget looks the value up as is and raises ValueError. Ours ignores values that are not keys
  (the form already says "Select a valid choice").
* An action posted with a selection that is not a key (``_selected_action=x``): Django filters
  the queryset with it and raises ValueError. We answer with a message instead.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _


def _keys_only(widget, value):
    field = widget.field.remote_field
    model_opts = field.model._meta
    key = model_opts.get_field(getattr(field, "field_name", None) or model_opts.pk.attname)
    kept = []
    for item in value:
        try:
            key.to_python(item)
        except (ValidationError, TypeError, ValueError):
            continue
        kept.append(item)
    return kept


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _keys_only(self, value), attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _keys_only(self, value), attr)


class GuardedAdminMixin:
    """For ModelAdmin and InlineModelAdmin classes."""

    def _autocomplete(self, db_field, request, kwargs, widget_class):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = widget_class(db_field, self.admin_site, using=kwargs.get("using"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._autocomplete(db_field, request, kwargs, SafeAutocompleteSelect)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._autocomplete(db_field, request, kwargs, SafeAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        try:
            for pk in selected:
                self.model._meta.pk.to_python(pk)
        except ValidationError:
            self.message_user(request, _("The selection is not valid."), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

"""The public forms: a request about a component, the contact page, the newsletter."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalogue.models import RequestKind, Topic

from .protection import ProtectedForm


def _one_line(value: str) -> str:
    # Names travel in e-mail subjects and headers: no line breaks or control characters.
    if any(ord(char) < 32 for char in value):
        raise forms.ValidationError(_("Please write this on one line."), code="one_line")
    return value


class ContactForm(ProtectedForm):
    name = forms.CharField(label=_("Your name"), max_length=200, validators=[_one_line])
    institution = forms.CharField(
        label=_("Your institution"),
        validators=[_one_line],
        max_length=200,
        required=False,
        help_text=_("Optional: the administration or organisation you work for."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The answer goes to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(label=_("Your message"), max_length=5000, widget=forms.Textarea)

    field_order = ["name", "institution", "email", "message", "website", "started"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ComponentRequestForm(ContactForm):
    kind = forms.ChoiceField(
        label=_("What would you like?"),
        choices=[
            (RequestKind.REUSE, _("I want to reuse this")),
            (RequestKind.QUESTION, _("Ask a question")),
        ],
        widget=forms.RadioSelect,
        initial=RequestKind.REUSE,
    )

    field_order = ["kind", *ContactForm.field_order]


class SubscribeForm(ProtectedForm):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None chosen: all of them."),
    )
    # Where the form was sent from (the footer, the subscription page): kept as consent source.
    source = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_topics(self):
        return self.cleaned_data["topics"] or list(Topic.values)


class ManageRequestForm(ProtectedForm):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PreferencesForm(forms.Form):
    """A confirmed subscriber's own settings, on the page their signed link opens."""

    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )

"""Spam protection for the public forms, without an outside captcha: a honeypot field that
people never see, and a signed timestamp that proves the form was fetched from us and was not
sent back faster than a person can fill it in."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

_SALT = "reuse.community.form-started"


def started_token(at: float | None = None) -> str:
    return signing.dumps({"t": time.time() if at is None else at}, salt=_SALT)


class ProtectedForm(forms.Form):
    """Adds ``website`` (the honeypot, hidden by CSS and from assistive technologies) and
    ``started`` (the signed time the form was served). Views call ``is_spam()`` first: a
    filled honeypot is answered like a success, so robots learn nothing, and nothing is kept."""

    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    too_fast_message = _(
        "The form was sent very quickly, as robots do. If you are a person, please send it again."
    )
    expired_message = _("The form has expired. Please send it again.")

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def fresh_started_token(self) -> str:
        # A re-displayed form starts a new timestamp: the visitor spends time on it again.
        return started_token()

    def clean_started(self):
        token = self.cleaned_data.get("started") or ""
        try:
            payload = signing.loads(
                token, salt=_SALT, max_age=settings.COMMUNITY_FORM_MAX_AGE_SECONDS
            )
            started = float(payload["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(self.expired_message, code="expired") from None
        if time.time() - started < settings.COMMUNITY_MIN_FILL_SECONDS:
            raise forms.ValidationError(self.too_fast_message, code="too_fast")
        return token

"""Requests from visitors: kept, then e-mailed to whoever can answer.

A request about a component goes to its support e-mail when the catalogue has one, otherwise
to the catalogue editors; nothing is guessed (no owner address presented as a support
contact). Contact-page messages go to the editors.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.models import ContactRequest, RequestKind
from catalogue.review.notifications import editor_addresses

SUPPORT = "support"
EDITORS = "editors"


def recipients_for(component) -> tuple[str, list[str]]:
    if component is not None and component.support_email:
        return SUPPORT, [component.support_email]
    return EDITORS, editor_addresses()


@transaction.atomic
def record_request(*, component, kind, name, institution, email, message, request=None):
    routed_to, recipients = recipients_for(component)
    contact_request = ContactRequest.objects.create(
        component=component,
        kind=kind,
        name=name,
        institution=institution,
        email=email,
        message=message,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        routed_to=routed_to,
    )
    admin_url = reverse("admin:catalogue_contactrequest_change", args=[contact_request.pk])
    if request is not None:
        admin_url = request.build_absolute_uri(admin_url)
    # The e-mail leaves only once the request is stored (and never for a rolled-back one).
    transaction.on_commit(lambda: _send(contact_request, recipients, admin_url))
    return contact_request


def _send(contact_request, recipients, admin_url):
    if not recipients:
        return
    component = contact_request.component
    # Recipients read the site's default language; the visitor's is named in the message.
    with translation.override(settings.LANGUAGE_CODE):
        if component is None:
            subject = _("[ReUse] Message from the contact page: %(name)s") % {
                "name": contact_request.name
            }
        elif contact_request.kind == RequestKind.REUSE:
            subject = _("[ReUse] Reuse request: %(component)s") % {"component": component}
        else:
            subject = _("[ReUse] Question about %(component)s") % {"component": component}
        lines = [
            _("From: %(name)s <%(email)s>")
            % {
                "name": contact_request.name,
                "email": contact_request.email,
            },
            _("Institution: %(institution)s") % {"institution": contact_request.institution or "—"},
            _("Language: %(language)s") % {"language": contact_request.language},
        ]
        if component is not None:
            lines.append(_("Component: %(component)s") % {"component": component})
        lines += ["", contact_request.message, ""]
        if contact_request.routed_to == EDITORS:
            lines.append(_("Kept in the catalogue's administration: %(url)s") % {"url": admin_url})
        else:
            lines.append(
                _(
                    "You receive this as the support contact of this component in the ReUse "
                    "catalogue. Reply to this e-mail to answer the sender."
                )
            )
    EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[contact_request.email],
    ).send()

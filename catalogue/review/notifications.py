"""E-mails of the review workflow, through Django's e-mail backend.

Mail leaves after the transaction commits (a rolled-back decision sends nothing), and a mail
server failure is logged, never undoes the decision: the entry's state is what counts, the
e-mail only tells people about it.
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(text) -> str:
    """Text safe in a mail header: control characters (CR/LF) become spaces."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def editor_addresses() -> list[str]:
    users = get_user_model().objects.filter(
        Q(groups__name=settings.EDITORS_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({user.email for user in users if user.email})


def _admin_url(request, entry):
    opts = entry._meta
    path = f"/{settings.ADMIN_URL}{opts.app_label}/{opts.model_name}/{entry.pk}/change/"
    return request.build_absolute_uri(path) if request else path


def _send_after_commit(subject: str, message: str, recipients: list[str]) -> None:
    subject = one_line(subject)

    def send():
        try:
            send_mail(
                subject=subject,
                message=message,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
        except Exception:
            # The decision stands; people can still see it in the admin.
            logger.exception("Could not send the e-mail %r to %s", subject, recipients)

    transaction.on_commit(send)


def submitted(entry, *, by, request=None, change=False):
    recipients = editor_addresses()
    if not recipients:
        return
    kind = _("a change to") if change else _("the entry")
    _send_after_commit(
        _("[ReUse] Review requested: %(entry)s") % {"entry": entry},
        _("%(user)s submitted %(kind)s “%(entry)s” for review.\n\nReview it: %(url)s")
        % {"user": by, "kind": kind, "entry": entry, "url": _admin_url(request, entry)},
        recipients,
    )


def decided(entry, *, recipient, approved, note="", request=None):
    if recipient is None or not recipient.email:
        return
    if approved:
        subject = _("[ReUse] Published: %(entry)s") % {"entry": entry}
        body = _("An editor published “%(entry)s”.") % {"entry": entry}
    else:
        subject = _("[ReUse] Changes requested: %(entry)s") % {"entry": entry}
        body = _("An editor did not publish “%(entry)s”. Reason:\n\n%(note)s") % {
            "entry": entry,
            "note": note,
        }
    _send_after_commit(subject, f"{body}\n\n{_admin_url(request, entry)}", [recipient.email])

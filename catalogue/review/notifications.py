"""E-mails of the review workflow, through Django's e-mail backend."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.utils.translation import gettext as _


def editor_addresses() -> list[str]:
    users = get_user_model().objects.filter(
        Q(groups__name=settings.EDITORS_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({user.email for user in users if user.email})


def _admin_url(request, entry):
    opts = entry._meta
    path = f"/{settings.ADMIN_URL}{opts.app_label}/{opts.model_name}/{entry.pk}/change/"
    return request.build_absolute_uri(path) if request else path


def submitted(entry, *, by, request=None, change=False):
    recipients = editor_addresses()
    if not recipients:
        return
    kind = _("a change to") if change else _("the entry")
    send_mail(
        subject=_("[ReUse] Review requested: %(entry)s") % {"entry": entry},
        message=_("%(user)s submitted %(kind)s “%(entry)s” for review.\n\nReview it: %(url)s")
        % {"user": by, "kind": kind, "entry": entry, "url": _admin_url(request, entry)},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
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
    send_mail(
        subject=subject,
        message=f"{body}\n\n{_admin_url(request, entry)}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[recipient.email],
    )

"""Finding 11: mail leaves after the commit; a mail server failure is logged and the decision
stands."""

import logging
import smtplib

import pytest
from django.core import mail

from catalogue.models import PendingChange
from catalogue.review import workflow
from tests import factories
from tests.admin_forms import make_user


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("mail server down")


@pytest.mark.django_db(transaction=True)
def test_a_mail_failure_keeps_the_submission(settings, caplog, client):
    settings.EMAIL_BACKEND = "tests.test_notifications.FailingBackend"
    owner = factories.institution()
    submitter = make_user("sub", institutions=[owner])
    make_user("editor", editor=True)
    entry = factories.draft_component(owner=owner)
    client.force_login(submitter)
    with caplog.at_level(logging.ERROR, logger="catalogue.review.notifications"):
        response = client.post(
            "/admin/catalogue/component/",
            {"action": "submit_for_review", "_selected_action": [entry.pk]},
        )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.publication == "submitted"
    assert "mail server down" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_mail_waits_for_the_commit(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = factories.institution()
    submitter = make_user("sub", institutions=[owner])
    make_user("editor", editor=True)
    entry = factories.component(owner=owner)
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.propose_change(
            entry,
            data={"name": "X"},
            base={"name": entry.name},
            base_version=entry.version,
            by=submitter,
        )
        assert mail.outbox == []  # not before the commit
        raise RuntimeError("rolled back")
    assert mail.outbox == [] and not PendingChange.objects.exists()
    workflow.propose_change(
        entry,
        data={"name": "X"},
        base={"name": entry.name},
        base_version=entry.version,
        by=submitter,
    )
    assert len(mail.outbox) == 1

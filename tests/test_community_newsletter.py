"""The newsletter: double opt-in, no enumeration, issues built from what was published, sending
at most once per subscriber (even when killed half-way), one-click unsubscribe, own data."""

import io
import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.utils import timezone

from catalogue.community.newsletter import issues, sending, sources, tokens
from catalogue.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from tests import factories
from tests.community_helpers import person_filled
from tests.test_permissions import make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"
PREFIX = {"en": "", "fr": "/fr", "nl": "/nl"}


def subscribe(client, email, language="en", topics=("components", "case_studies"), **extra):
    data = person_filled(
        {"email": email, "language": language, "topics": list(topics), "source": "page"}
    )
    return client.post(f"{PREFIX[language]}/newsletter/", {**data, **extra})


def send_newsletter(*args):
    out = io.StringIO()
    call_command("send_newsletter", *args, stdout=out)
    return out.getvalue()


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def confirm_from_mail(client, message):
    [link] = [u for u in links_in(message) if "/newsletter/confirm/" in u]
    return client.post(path_of(link))


def confirmed(email, language="en", topics=("components", "case_studies")):
    return Subscriber.objects.create(
        email=email, language=language, topics=list(topics), status="confirmed",
        requested_at=timezone.now(), consent_source="test", confirmed_at=timezone.now(),
    )  # fmt: skip


def new_issue(**fields):
    since, until = timezone.now() - timedelta(days=1), timezone.now() + timedelta(seconds=1)
    issue = NewsletterIssue.objects.create(since=since, until=until, **fields)
    issues.refresh_selection(issue)
    return issue


@pytest.fixture
def published():
    owner = factories.institution(name="Office", acronym="OFF", slug="office")
    component = factories.component(
        name="Signing service", slug="signing", owner=owner, language="fr",
        name_fr="Service de signature", name_nl="Ondertekeningsdienst",
        name_en="Signing service", short_description_fr="Signe des documents.",
    )  # fmt: skip
    case = factories.case_study(title="A reuse story", institution=owner)
    factories.draft_component(name="Secret draft", slug="secret", owner=owner)
    return {"component": component, "case": case}


# -- subscribing ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr", "nl"])
def test_subscribe_confirm_receive_unsubscribe_in_each_language(
    client, published, language, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, f"Reader-{language}@Example.org", language)
    assert response.status_code == HTTPStatus.FOUND
    subscriber = Subscriber.objects.get()
    assert subscriber.email == f"reader-{language}@example.org"
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.confirmed_at is None
    assert "subscription page" in subscriber.consent_source
    [confirmation] = mail.outbox
    link = next(u for u in links_in(confirmation) if "/confirm/" in u)
    assert path_of(link).startswith(f"{PREFIX[language]}/newsletter/confirm/")

    # Opening the link alone (a mail scanner) does not confirm; the button does.
    assert client.get(path_of(link)).status_code == HTTPStatus.OK
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    assert confirm_from_mail(client, confirmation).status_code == HTTPStatus.OK
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.confirmed_at

    issue = new_issue(subject_fr="Nouvelles de ReUse", subject_nl="Nieuws van ReUse")
    assert issue.selection == {
        "components": [published["component"].pk],
        "case_studies": [published["case"].pk],
    }
    assert sending.queue(issue) == 1
    mail.outbox.clear()
    send_newsletter("--batch-size", "10")
    [newsletter] = mail.outbox
    expected_subject = {
        "en": "ReUse newsletter",
        "fr": "Nouvelles de ReUse",
        "nl": "Nieuws van ReUse",
    }
    assert newsletter.subject == expected_subject[language]
    expected_name = {
        "en": "Signing service",
        "fr": "Service de signature",
        "nl": "Ondertekeningsdienst",
    }
    html = newsletter.alternatives[0][0]
    assert expected_name[language] in newsletter.body and expected_name[language] in html
    assert f'lang="{language}"' in html
    assert "Secret draft" not in newsletter.body
    # Nothing loaded from outside.
    assert "<img" not in html and "src=" not in html and "<link" not in html
    unsubscribe_url = newsletter.extra_headers["List-Unsubscribe"].strip("<>")
    assert newsletter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in newsletter.body and unsubscribe_url in html
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT

    # One click, from the mail client (POST without a form token) or the link.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path_of(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == HTTPStatus.OK
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED and subscriber.unsubscribed_at
    second = new_issue()
    assert sending.queue(second) == 0


def test_no_enumeration_and_a_confirmed_subscriber_is_not_changed_by_strangers(
    client, django_capture_on_commit_callbacks
):
    reader = confirmed("known@example.org", "fr", topics=["events"])
    with django_capture_on_commit_callbacks(execute=True):
        known = subscribe(client, "known@example.org", "en", topics=["components"])
        unknown = subscribe(client, "unknown@example.org", "en")
    assert known.status_code == unknown.status_code == HTTPStatus.FOUND
    assert known["Location"] == unknown["Location"]
    page_known = client.get(known["Location"]).content
    page_unknown = client.get(unknown["Location"]).content
    assert page_known == page_unknown
    reader.refresh_from_db()
    assert (reader.language, reader.topics, reader.status) == ("fr", ["events"], "confirmed")
    to_known = next(m for m in mail.outbox if m.to == ["known@example.org"])
    assert "/newsletter/manage/" in to_known.body and "/confirm/" not in to_known.body


def test_subscription_is_protected_like_every_public_form(client, settings):
    bot = {**person_filled({"email": "bot@example.org", "language": "en"}), "website": "x"}
    assert client.post("/newsletter/", bot).status_code == HTTPStatus.FOUND
    assert not Subscriber.objects.exists() and not mail.outbox
    hurried = {**person_filled({"email": "quick@example.org", "language": "en"}, seconds_ago=0)}
    assert client.post("/newsletter/", hurried).status_code == HTTPStatus.BAD_REQUEST
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS, "newsletter-email": "2/hour"
    }  # fmt: skip
    statuses = [
        subscribe(client, "victim@example.org", REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert client.post("/newsletter/", {"email": "x"}).status_code == HTTPStatus.BAD_REQUEST


def test_footer_form_leads_to_the_subscription_page_prefilled(client):
    home = client.get("/nl/").content.decode()
    assert 'action="/nl/newsletter/"' in home and 'method="get"' in home
    page = client.get("/nl/newsletter/?email=a%40example.org&from=/nl/").content.decode()
    assert 'value="a@example.org"' in page
    assert 'value="nl" selected' in page
    assert 'value="footer /nl/"' in page


def test_confirmation_links_expire_and_only_the_latest_confirms(
    client, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "late@example.org")
    first = mail.outbox[-1]
    subscriber = Subscriber.objects.get()
    subscriber.requested_at -= timedelta(seconds=5)  # a second request, later
    subscriber.save()
    assert confirm_from_mail(client, first).status_code == HTTPStatus.BAD_REQUEST
    settings.NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = -1
    token = tokens.make(tokens.CONFIRM, subscriber)
    assert client.post(f"/newsletter/confirm/{token}/").status_code == HTTPStatus.BAD_REQUEST
    assert client.post("/newsletter/confirm/forged:token/").status_code == HTTPStatus.BAD_REQUEST
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


# -- sending ----------------------------------------------------------------------------------


def test_unconfirmed_and_unsubscribed_addresses_never_receive_an_issue(client, published):
    confirmed("yes@example.org")
    Subscriber.objects.create(
        email="pending@example.org", language="en", topics=["components"],
        requested_at=timezone.now(), consent_source="test",
    )  # fmt: skip
    leaving = confirmed("leaving@example.org")
    issue = new_issue()
    sending.queue(issue)
    # Unsubscribed after queueing: skipped at sending time.
    leaving.status = SubscriberStatus.UNSUBSCRIBED
    leaving.save()
    sending.send_batch(100)
    assert [m.to for m in mail.outbox] == [["yes@example.org"]]
    statuses = dict(Delivery.objects.values_list("subscriber__email", "status"))
    assert statuses == {"yes@example.org": "sent", "leaving@example.org": "skipped"}


def test_subscribers_get_only_their_topics(published):
    confirmed("cases@example.org", topics=["case_studies"])
    confirmed("events@example.org", topics=["events"])
    sending.queue(new_issue())
    sending.send_batch(10)
    [message] = mail.outbox
    assert message.to == ["cases@example.org"]
    assert "A reuse story" in message.body and "Signing service" not in message.body
    assert Delivery.objects.get(subscriber__email="events@example.org").status == "skipped"


class KilledAfter(EmailBackend):
    """Delivers ``limit`` messages, then the process "dies" (an exception no code catches)."""

    limit = 3

    def send_messages(self, messages):
        if len(mail.outbox) >= self.limit:
            raise KeyboardInterrupt("killed")
        return super().send_messages(messages)


class Refusing(EmailBackend):
    def send_messages(self, messages):
        raise OSError("SMTP server refused the recipient")


def test_a_run_killed_half_way_and_run_again_sends_no_duplicate(published, settings):
    for n in range(7):
        confirmed(f"r{n}@example.org")
    issue = new_issue()
    sending.queue(issue)
    settings.EMAIL_BACKEND = f"{__name__}.KilledAfter"
    with pytest.raises(KeyboardInterrupt):
        send_newsletter("--batch-size", "2")
    assert len(mail.outbox) == 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_newsletter()
    report = send_newsletter()  # and again: nothing new
    assert "Sent: 0" in report and "1 deliveries were interrupted" in report
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients)) == 6
    # The one being sent when the process died is not sent again: its outcome is unknown.
    assert Delivery.objects.filter(status=DeliveryStatus.SENDING).count() == 1
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 6
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    # The operator may queue it again on purpose.
    send_newsletter("--retry-interrupted")
    assert len({m.to[0] for m in mail.outbox}) == 7 and len(mail.outbox) == 7


def test_failures_are_recorded_per_recipient_and_counted_in_the_admin(client, published, settings):
    editor = make_user("editor", settings.EDITORS_GROUP)
    confirmed("a@example.org")
    confirmed("b@example.org")
    issue = new_issue(subject_en="November")
    sending.queue(issue)
    settings.EMAIL_BACKEND = f"{__name__}.Refusing"
    outcome = sending.send_batch(1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sending.send_batch(10)
    assert outcome["failed"] == 1
    failed = Delivery.objects.get(status="failed")
    assert "SMTP server refused" in failed.error
    client.force_login(editor)
    listing = client.get(f"{ADMIN}/newsletterissue/")
    row = listing.context["cl"].result_list[0]
    assert (row.n_sent, row.n_failed, row.n_waiting) == (1, 1, 0)


def test_registry_takes_a_new_source_in_one_line(published, monkeypatch):
    # (News and events register themselves so at merge; a component stands in for a news item.)
    from catalogue.models import Component, Topic

    monkeypatch.setitem(sources.SOURCES, Topic.NEWS, None)  # restored after the test
    sources.register(
        sources.Source(
            Topic.NEWS, "News", lambda: Component.objects.published(), "name",
            "short_description", date_field="created",
        )
    )  # fmt: skip
    issue = new_issue()
    assert issue.selection["news"] == [published["component"].pk]
    confirmed("news@example.org", topics=["news"])
    sending.queue(issue)
    sending.send_batch(10)
    [message] = mail.outbox
    assert "News" in message.body and "Signing service" in message.body


# -- own data ---------------------------------------------------------------------------------


def test_subscribers_see_change_and_delete_their_data(
    client, published, django_capture_on_commit_callbacks
):
    reader = confirmed("me@example.org", "nl")
    sending.queue(new_issue())
    sending.send_batch(10)
    with django_capture_on_commit_callbacks(execute=True):
        same = client.post("/newsletter/manage/", person_filled({"email": "me@example.org"}))
        other = client.post("/newsletter/manage/", person_filled({"email": "no@example.org"}))
    assert same["Location"] == other["Location"]
    manage_mail = mail.outbox[-1]
    assert manage_mail.to == ["me@example.org"]
    [link] = [u for u in links_in(manage_mail) if "/newsletter/manage/" in u]
    page = client.get(path_of(link)).content.decode()
    assert "me@example.org" in page and "test" in page  # consent source
    client.post(path_of(link), {"action": "save", "language": "fr", "topics": ["news"]})
    reader.refresh_from_db()
    assert (reader.language, reader.topics) == ("fr", ["news"])
    response = client.post(path_of(link), {"action": "delete"})
    assert response.status_code == HTTPStatus.OK
    assert not Subscriber.objects.filter(email="me@example.org").exists()
    # The issue keeps its anonymous count.
    assert Delivery.objects.filter(status="sent", subscriber=None).count() == 1
    assert client.get(path_of(link)).status_code == HTTPStatus.BAD_REQUEST


# -- the admin --------------------------------------------------------------------------------


def test_editors_compose_preview_test_and_queue(client, published, settings):
    editor = make_user("editor", settings.EDITORS_GROUP)
    confirmed("one@example.org")
    client.force_login(editor)
    add = client.get(f"{ADMIN}/newsletterissue/add/")
    assert add.status_code == HTTPStatus.OK
    since = timezone.localtime() - timedelta(days=2)
    until = timezone.localtime() + timedelta(minutes=1)
    response = client.post(
        f"{ADMIN}/newsletterissue/add/",
        {
            "subject_en": "News", "subject_fr": "Nouvelles", "subject_nl": "", "intro_en": "Hi",
            "intro_fr": "", "intro_nl": "",
            "since_0": since.strftime("%Y-%m-%d"), "since_1": since.strftime("%H:%M:%S"),
            "until_0": until.strftime("%Y-%m-%d"), "until_1": until.strftime("%H:%M:%S"),
        },
    )  # fmt: skip
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]
    issue = NewsletterIssue.objects.get()
    assert issue.created_by == editor and issue.selection["components"]
    change = client.get(f"{ADMIN}/newsletterissue/{issue.pk}/change/").content.decode()
    assert "Signing service" in change and "Queue for sending" in change
    preview = client.get(f"{ADMIN}/newsletterissue/{issue.pk}/preview/fr/")
    assert "Service de signature" in preview.content.decode()
    assert client.get(f"{ADMIN}/newsletterissue/{issue.pk}/preview/xx/").status_code == 404
    client.post(f"{ADMIN}/newsletterissue/{issue.pk}/send-test/", {"language": "nl"})
    [test_message] = mail.outbox
    assert test_message.to == ["editor@example.org"] and "Ondertekeningsdienst" in test_message.body
    assert not Delivery.objects.exists()
    client.post(f"{ADMIN}/newsletterissue/{issue.pk}/queue/")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.QUEUED and issue.deliveries.count() == 1
    # Queued: no more changes, no second queue.
    client.post(f"{ADMIN}/newsletterissue/{issue.pk}/queue/")
    assert issue.deliveries.count() == 1


def test_submitters_have_no_access_to_the_newsletter(client, published, settings):
    institution = published["component"].owner
    submitter = make_user("sub", settings.SUBMITTERS_GROUP, institution)
    issue = new_issue()
    client.force_login(submitter)
    for url in (
        f"{ADMIN}/newsletterissue/",
        f"{ADMIN}/subscriber/",
        f"{ADMIN}/newsletterissue/{issue.pk}/preview/en/",
    ):
        assert client.get(url).status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND), url
    client.post(f"{ADMIN}/newsletterissue/{issue.pk}/queue/")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_next_issue_leaves_out_what_an_earlier_one_presented(published):
    first = new_issue()
    sending.queue(first)
    second = new_issue()
    assert second.selection == {}

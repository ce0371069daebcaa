"""Reuse requests, questions and the contact page: stored, routed, protected, scoped."""

import re
from http import HTTPStatus

import pytest
from django.conf import settings
from django.core import mail

from catalogue.models import ContactRequest, RequestKind, RequestStatus
from tests import factories
from tests.community_helpers import person_filled
from tests.test_permissions import make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"


def request_data(**changes):
    return person_filled(
        {
            "kind": "reuse",
            "name": "Ann Peeters",
            "institution": "FOD Financiën",
            "email": "Ann@Example.org",
            "message": "We would like to reuse this for our portal.",
            **changes,
        }
    )


@pytest.fixture
def world():
    a = factories.institution(name="Institution A", acronym="INSTA", slug="inst-a")
    b = factories.institution(name="Institution B", acronym="INSTB", slug="inst-b")
    editor = make_user("editor", settings.EDITORS_GROUP)
    return {
        "a": a,
        "b": b,
        "editor": editor,
        "sub_a": make_user("sub-a", settings.SUBMITTERS_GROUP, a),
        "sub_b": make_user("sub-b", settings.SUBMITTERS_GROUP, b),
        "with_support": factories.component(
            name="Supported", slug="supported", owner=a, support_email="help@inst-a.example"
        ),
        "without_support": factories.component(name="Unsupported", slug="unsupported", owner=b),
        "draft": factories.draft_component(name="Draft", slug="draft-one", owner=a),
    }


def post(client, slug, prefix="", **changes):
    return client.post(f"{prefix}/components/{slug}/contact/", request_data(**changes))


def test_component_page_links_to_both_forms(client, world):
    page = client.get("/components/supported/").content.decode()
    assert "/components/supported/contact/?kind=reuse" in page
    assert "/components/supported/contact/?kind=question" in page
    form = client.get("/components/supported/contact/?kind=question").content.decode()
    assert re.search(r'value="question"[^>]*checked', form)
    assert 'name="csrfmiddlewaretoken"' in form and 'name="website"' in form


def test_request_goes_to_the_support_contact_after_commit(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, "supported", prefix="/fr")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/components/supported/contact/sent/"
    assert len(callbacks) == 1
    stored = ContactRequest.objects.get()
    assert stored.component == world["with_support"]
    assert (stored.kind, stored.language, stored.status) == ("reuse", "fr", "open")
    assert stored.email == "ann@example.org" and stored.routed_to == "support"
    [message] = mail.outbox
    assert message.to == ["help@inst-a.example"]
    assert message.reply_to == ["ann@example.org"]
    assert "Supported" in message.subject and "We would like to reuse" in message.body


def test_request_without_support_contact_goes_to_the_editors(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "unsupported", kind="question")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert "Question about Unsupported" in message.subject
    assert ContactRequest.objects.get().routed_to == "editors"
    # Nothing invented: the component still has no support contact anywhere (its page leads
    # to the owner instead).
    assert "Ask the owner:" in client.get("/components/unsupported/").content.decode()


def test_no_mail_when_nothing_is_committed(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, "supported")
    assert len(callbacks) == 1 and mail.outbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_unpublished_component_has_no_form(client, world, method):
    response = getattr(client, method)("/components/draft-one/contact/", request_data())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert ContactRequest.objects.count() == 0


def test_csrf_is_required(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/components/supported/contact/", request_data())
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert ContactRequest.objects.count() == 0


def test_honeypot_is_answered_like_success_and_keeps_nothing(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data = {**request_data(), "website": "http://spam.example"}
        response = client.post("/components/supported/contact/", data)
    assert response.status_code == HTTPStatus.FOUND
    assert ContactRequest.objects.count() == 0 and mail.outbox == []


def test_a_form_sent_too_fast_or_unsigned_is_refused_with_a_message(client, world):
    too_fast = {**request_data(), **person_filled({}, seconds_ago=0.5)}
    response = client.post("/components/supported/contact/", too_fast)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "very quickly" in response.content.decode()
    forged = {**request_data(), "started": "1700000000"}
    response = client.post("/components/supported/contact/", forged)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "expired" in response.content.decode()
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"email": "not-an-address"}, "email"),
        ({"name": "Ann\r\nBcc: victim@example.org"}, "name"),
        ({"message": ""}, "message"),
        ({"kind": "contact"}, "kind"),
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, world, changes, field):
    response = post(client, "supported", **changes)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert f'id="id_{field}_error"' in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_rate_limited_per_address_with_a_429_page(client, world, settings):
    settings.COMMUNITY_RATE_LIMITS = {**settings.COMMUNITY_RATE_LIMITS, "contact-ip": "2/hour"}
    assert post(client, "supported", email="one@example.org").status_code == HTTPStatus.FOUND
    assert post(client, "supported", email="two@example.org").status_code == HTTPStatus.FOUND
    response = post(client, "supported", email="three@example.org")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many messages" in response.content.decode()
    assert ContactRequest.objects.count() == 2
    # Another client is not affected.
    other = client.post("/components/supported/contact/", request_data(), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == HTTPStatus.FOUND


def test_rate_limited_per_email_whatever_the_address(client, world, settings):
    settings.COMMUNITY_RATE_LIMITS = {**settings.COMMUNITY_RATE_LIMITS, "contact-email": "1/hour"}
    first = client.post("/contact/", request_data(), REMOTE_ADDR="192.0.2.1")
    again = client.post("/contact/", request_data(), REMOTE_ADDR="192.0.2.2")
    assert first.status_code == HTTPStatus.FOUND
    assert again.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert ContactRequest.objects.count() == 1


def test_contact_page_goes_to_the_editors(client, world, django_capture_on_commit_callbacks):
    page = client.get("/nl/contact/")
    assert page.status_code == HTTPStatus.OK
    assert "/contact/" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/nl/contact/", request_data(kind="reuse"))
    assert response["Location"] == "/nl/contact/sent/"
    stored = ContactRequest.objects.get()
    assert (stored.component, stored.kind, stored.language) == (None, RequestKind.CONTACT, "nl")
    [message] = mail.outbox
    assert message.to == ["editor@example.org"] and "contact page" in message.subject


# -- the admin ----------------------------------------------------------------------------------


def make_requests(world):
    about_a = ContactRequest.objects.create(
        component=world["with_support"], kind="reuse", name="X", email="x@example.org",
        message="About A", language="en",
    )  # fmt: skip
    about_b = ContactRequest.objects.create(
        component=world["without_support"], kind="question", name="Y", email="y@example.org",
        message="About B", language="fr",
    )  # fmt: skip
    contact = ContactRequest.objects.create(
        kind="contact", name="Z", email="z@example.org", message="General", language="nl"
    )
    return about_a, about_b, contact


def test_editors_see_every_request(client, world):
    make_requests(world)
    client.force_login(world["editor"])
    page = client.get(f"{ADMIN}/contactrequest/").content.decode()
    assert all(text in page for text in ("Supported", "Unsupported", "Contact page message"))


def test_owners_see_only_requests_about_their_components(client, world):
    about_a, about_b, contact = make_requests(world)
    client.force_login(world["sub_a"])
    listing = client.get(f"{ADMIN}/contactrequest/")
    assert listing.status_code == HTTPStatus.OK
    assert list(listing.context["cl"].result_list) == [about_a]
    assert client.get(f"{ADMIN}/contactrequest/{about_a.pk}/change/").status_code == 200
    for other in (about_b, contact):
        response = client.get(f"{ADMIN}/contactrequest/{other.pk}/change/")
        assert response.status_code == HTTPStatus.FOUND  # the admin's "does not exist"


def test_owners_may_only_mark_handled(client, world):
    about_a, about_b, _contact = make_requests(world)
    client.force_login(world["sub_a"])
    # A crafted POST changing what the visitor wrote changes only the status.
    client.post(
        f"{ADMIN}/contactrequest/{about_a.pk}/change/",
        {"status": "handled", "message": "Rewritten", "email": "evil@example.org"},
    )
    about_a.refresh_from_db()
    assert about_a.status == RequestStatus.HANDLED
    assert (about_a.message, about_a.email) == ("About A", "x@example.org")
    # The bulk action on another institution's request (crafted id) does nothing.
    client.post(
        f"{ADMIN}/contactrequest/",
        {"action": "mark_handled", "_selected_action": [about_b.pk]},
    )
    about_b.refresh_from_db()
    assert about_b.status == RequestStatus.OPEN
    # No deleting, no adding, no other institution's request through a crafted change.
    assert (
        client.post(f"{ADMIN}/contactrequest/{about_a.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert ContactRequest.objects.filter(pk=about_a.pk).exists()
    assert client.get(f"{ADMIN}/contactrequest/add/").status_code == HTTPStatus.FORBIDDEN
    client.post(f"{ADMIN}/contactrequest/{about_b.pk}/change/", {"status": "handled"})
    about_b.refresh_from_db()
    assert about_b.status == RequestStatus.OPEN


def test_users_without_an_institution_see_no_requests(client, world):
    make_requests(world)
    lonely = make_user("lonely", settings.SUBMITTERS_GROUP)
    client.force_login(lonely)
    assert client.get(f"{ADMIN}/contactrequest/").status_code == HTTPStatus.FORBIDDEN


def test_request_count_is_a_demand_signal_for_editors_and_owners_only(client, world):
    make_requests(world)
    ContactRequest.objects.create(
        component=world["with_support"], kind="question", name="W", email="w@example.org",
        message="Again", language="en", status="handled",
    )  # fmt: skip
    client.force_login(world["editor"])
    listing = client.get(f"{ADMIN}/component/?q=Supported")
    counts = {c.name: c.request_count for c in listing.context["cl"].result_list}
    assert counts["Supported"] == 2 and counts["Unsupported"] == 1
    client.force_login(world["sub_a"])
    change = client.get(f"{ADMIN}/component/{world['with_support'].pk}/change/").content.decode()
    assert "2 received, 1 open" in change
    assert f"?component__id__exact={world['with_support'].pk}" in change
    # Not public.
    client.logout()
    public = client.get("/components/supported/").content.decode()
    assert "received" not in public


def test_admin_changelist_queries_do_not_grow_with_requests(
    client, world, django_assert_max_num_queries
):
    for n in range(30):
        ContactRequest.objects.create(
            component=world["with_support"], kind="reuse", name=f"N{n}",
            email=f"n{n}@example.org", message="m", language="en",
        )  # fmt: skip
    client.force_login(world["editor"])
    with django_assert_max_num_queries(15):
        assert client.get(f"{ADMIN}/contactrequest/").status_code == HTTPStatus.OK

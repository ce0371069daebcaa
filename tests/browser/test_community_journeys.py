"""Asking to reuse a component and subscribing to the newsletter, in a real browser."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from catalogue.models import ContactRequest, Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, demo, settings):
    # A person types faster than the robot threshold in a test: the fill time is tested elsewhere.
    settings.COMMUNITY_MIN_FILL_SECONDS = 0
    return live_server.url


def _csp_violations(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_a_visitor_asks_to_reuse_a_component_with_the_keyboard(page, site):
    violations = _csp_violations(page)
    page.goto(site + "/components/archiving-as-a-service/")
    page.get_by_role("link", name="I want to reuse this").click()
    page.wait_for_url("**/components/archiving-as-a-service/contact/?kind=reuse")
    expect(page.get_by_label("I want to reuse this")).to_be_checked()
    page.get_by_label("Your name").fill("Ann Peeters")
    page.get_by_label("Your institution").fill("FOD Financiën")
    page.get_by_label("Your e-mail address").fill("ann@example.org")
    page.get_by_label("Your message").fill("We would like to reuse it.")
    # The honeypot is out of the tab order: from the message, Tab reaches the button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/sent/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    stored = ContactRequest.objects.get()
    assert (stored.kind, stored.email) == ("reuse", "ann@example.org")
    assert violations == []


def test_a_visitor_subscribes_from_the_footer_in_dutch(page, site):
    violations = _csp_violations(page)
    page.goto(site + "/nl/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_label("E-mailadres").or_(footer.get_by_label("E-mail address")).fill(
        "lezer@example.org"
    )
    footer.get_by_role("button").click()
    page.wait_for_url("**/nl/newsletter/?email=*")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/nl/newsletter/check-inbox/")
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.status) == (
        "lezer@example.org",
        "nl",
        "pending",
    )
    assert "footer /nl/" in subscriber.consent_source
    assert mail.outbox[-1].to == ["lezer@example.org"]
    assert violations == []

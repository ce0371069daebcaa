"""The main journeys in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, demo):
    return live_server.url


def test_search_narrow_open_and_switch_language(page, site):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(site + "/")
    page.get_by_label("Search the catalogue").fill("archiving")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/components/?q=archiving*")
    assert "1 component" in page.locator("#results-title").inner_text()

    # Narrow the whole catalogue by a facet, then by a second one.
    page.goto(site + "/components/")
    # Ticking a facet's checkbox searches at once (static/js/facets.js).
    page.locator('input[data-facet="owner"][value="onss"]').check()
    page.wait_for_url("**owner=onss*")
    owner_count = int(page.locator("#results-title").inner_text().split()[0])
    service = page.locator('input[data-facet="kind"][value="service"] + label')
    expected = int(service.locator(".count").inner_text().strip("()"))
    page.locator('input[data-facet="kind"][value="service"]').check()
    page.wait_for_url("**kind=service*")
    shown = int(page.locator("#results-title").inner_text().split()[0])
    assert shown == expected < owner_count

    page.get_by_role("link", name="Archiving-as-a-Service (AaaS)").click()
    page.wait_for_url("**/components/archiving-as-a-service/")
    assert page.get_by_role("heading", level=1).inner_text() == "Archiving-as-a-Service (AaaS)"
    expect(page.get_by_role("heading", name="Who already reuses it")).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    # The same page in French, at its French address.
    page.wait_for_url("**/fr/components/archiving-as-a-service/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Qui le réutilise déjà")).to_be_visible()
    assert violations == []  # the pages satisfy their Content-Security-Policy


def test_submitter_submits_and_editor_publishes(page, site, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from catalogue.models import Component, Institution, Membership
    from catalogue.review.groups import ensure_role_groups

    ensure_role_groups()
    users = get_user_model().objects
    submitter = users.create_user("sub", password="pw-sub-123", is_staff=True)
    submitter.groups.add(Group.objects.get(name=settings.SUBMITTERS_GROUP))
    Membership.objects.create(user=submitter, institution=Institution.objects.get(slug="onss"))
    editor = users.create_user("ed", password="pw-ed-123", is_staff=True)
    editor.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))

    def log_in(username, password):
        page.context.clear_cookies()
        page.goto(site + "/admin/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(site + "/admin/")

    log_in("sub", "pw-sub-123")
    page.goto(site + "/admin/catalogue/component/add/")
    # Texts per language: this entry is written in English.
    page.locator("#id_language").select_option("en")
    page.locator("#id_name_en").fill("Browser-made component")
    page.locator("#id_kind").select_option("component")
    page.locator("#id_short_description_en").fill("Made in a browser test.")
    # Its English name: the admin is in English.
    page.locator("#id_owner").select_option(label="NSSO")
    page.locator("#id_lifecycle").select_option("pilot")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/catalogue/component/")  # a form error would keep us on add/
    page.locator("tr", has_text="Browser-made component").locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("submit_for_review")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert Component.objects.get(slug="browser-made-component").publication == "submitted"
    assert page.goto(site + "/components/browser-made-component/").status == 404

    log_in("ed", "pw-ed-123")
    page.goto(site + "/admin/catalogue/component/?review=waiting")
    page.locator("tr", has_text="Browser-made component").locator("input[type=checkbox]").check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert page.goto(site + "/components/browser-made-component/").status == 200


def test_keyboard_reaches_the_search_through_the_skip_link(page, site):
    page.goto(site + "/components/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.keyboard.press("Enter")
    # The fragment navigation is reported asynchronously: wait for it rather than race it.
    page.wait_for_url("**/components/#main")
    expect(page.locator("#main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_q")).to_be_focused()

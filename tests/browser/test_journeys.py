"""The main journeys in a real browser."""

import pytest

from catalogue.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_demo()
    return live_server.url


def test_search_narrow_open_and_switch_language(page, site):
    page.goto(site + "/")
    page.get_by_label("Search the catalogue").fill("archiving")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/components/?q=archiving*")
    assert "1 component" in page.locator("#results-title").inner_text()

    # Narrow the whole catalogue by a facet, then by a second one.
    page.goto(site + "/components/")
    page.locator('a[data-facet="owner"][data-value="onss"]').click()
    page.wait_for_url("**owner=onss*")
    owner_count = int(page.locator("#results-title").inner_text().split()[0])
    service = page.locator('a[data-facet="kind"][data-value="service"]')
    expected = int(service.locator(".count").inner_text().strip("()"))
    service.click()
    page.wait_for_url("**kind=service*")
    shown = int(page.locator("#results-title").inner_text().split()[0])
    assert shown == expected < owner_count

    page.get_by_role("link", name="Archiving-as-a-Service (AaaS)").click()
    page.wait_for_url("**/components/archiving-as-a-service/")
    assert page.get_by_role("heading", level=1).inner_text() == "Archiving-as-a-Service (AaaS)"
    assert page.get_by_role("heading", name="Who already reuses it").is_visible()

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Qui le réutilise déjà").is_visible()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.url.endswith("/components/archiving-as-a-service/")


def test_keyboard_reaches_the_search_through_the_skip_link(page, site):
    page.goto(site + "/components/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_calculator_journey(page, site):
    page.goto(site + "/roi/calculator/")
    page.get_by_label("Size of the new functionality (function points)").fill("800")
    page.get_by_label("Unit cost (EUR per function point)").fill("1000")
    page.locator("#component-new-1").select_option("keycloak")
    page.locator("#fp-new-1").fill("300")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url("**new_fp=800*")
    assert page.locator('[data-figure="reuse_share"]').inner_text() == "38 %"
    assert page.locator('[data-figure="cost_avoided"]').inner_text() == "EUR 240,000"

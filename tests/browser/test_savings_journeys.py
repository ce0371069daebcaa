"""Managers' journeys through the savings pages, on a phone-sized screen."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from catalogue.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def site(live_server):
    load_demo()
    return live_server.url


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_violations = violations
    yield page
    context.close()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def choose_component(page, field, typed, slug):
    """Type part of a name; the script offers catalogue components; take the one wanted."""
    page.locator(field).fill(typed)
    expect(page.locator(f'#component-options option[value="{slug}"]')).to_have_count(1)
    page.locator(field).fill(slug)


def test_manager_plans_two_projects_with_ranges_on_a_phone(phone, site):
    page = phone
    page.goto(site + "/roi/calculator/")
    assert fits_the_screen(page)
    page.get_by_label("Unit cost (EUR per function point)").fill("1000")
    page.locator("#investment").fill("50000")
    page.locator("#build_central").fill("100")
    page.locator("#rcr_low").fill("0.1")
    page.locator("#rcr").fill("0.2")
    page.locator("#rcr_high").fill("0.4")
    page.locator("#rcwr_low").fill("1.2")
    page.locator("#rcwr_high").fill("2")
    page.locator("#p1-name").fill("Portal")
    page.locator("#p1-size").fill("1000")
    choose_component(page, "#p1-r1-component", "keyc", "keycloak")
    page.locator("#p1-r1-size").fill("500")
    page.locator("#p2-name").fill("Back office")
    page.locator("#p2-size").fill("1000")
    choose_component(page, "#p2-r1-component", "camun", "camunda-bpmn")
    page.locator("#p2-r1-size").fill("500")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url("**p2-r1-component=camunda-bpmn*")

    # The results are where focus went, and they say what the plan is worth.
    results = page.locator("#results")
    expect(results).to_be_focused()
    expect(page.get_by_role("status")).to_contain_text("Expected net benefit: EUR 600,000")
    expect(page.locator('[data-range="net_benefit"]')).to_have_text(
        "from EUR 350,000 to EUR 730,000"
    )
    expect(page.locator('[data-swing="rcr"]')).to_have_text("EUR 300,000")
    assert results.bounding_box()["y"] < PHONE["height"]  # in view, not 1,200 px below
    assert fits_the_screen(page)

    # The scenario downloads, ready to post to the API.
    with page.expect_download() as download:
        page.locator('a[data-download="json"]').click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["result"]["ranges"]["net_benefit_eur"]["low"] == 350_000
    assert [p["name"] for p in document["scenario"]["projects"]] == ["Portal", "Back office"]
    with page.expect_download() as download:
        page.locator('a[data-download="csv"]').click()
    assert download.value.suggested_filename == "reuse-scenario.csv"
    assert page.csp_violations == []


def test_an_error_is_summarised_focused_and_linked_to_its_field(phone, site):
    page = phone
    page.goto(site + "/roi/calculator/")
    page.get_by_label("person-days").check()
    page.locator("#p1-size").fill("2000")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url("**p1-size=2000*")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("none is assumed")
    summary.get_by_role("link", name="Your productivity rate").click()
    page.wait_for_url("**#productivity")
    expect(page.locator("#productivity")).to_be_focused()
    expect(page.locator("#p1-size")).to_have_value("2000")  # nothing typed is lost


def test_manager_reads_the_dashboard_on_a_phone_and_prints_it(phone, site):
    page = phone
    page.goto(site + "/roi/")
    figures = page.locator(".figure-card")
    expect(figures.nth(0)).to_contain_text("64 %")
    expect(figures.nth(1)).to_contain_text("46 %")
    expect(figures.nth(2)).to_contain_text("EUR 13,130,400")
    assert fits_the_screen(page)
    # Chart labels stay readable: at least 12 px tall as drawn.
    label = page.locator("#components-chart-title ~ g .bar-label").first
    assert label.bounding_box()["height"] >= 12
    # Sorting brings the reader back to the table, not to the top of the page.
    page.locator("#projects-table").get_by_role("link", name="Cost avoided").click()
    page.wait_for_url("**sort=cost_avoided_eur*#by-project")
    assert page.evaluate("window.scrollY") > 1000
    expect(page.locator("#projects-table th[aria-sort]")).to_have_attribute(
        "aria-sort", "descending"
    )
    # Print: no navigation or forms; tables unrolled; a PDF comes out.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".downloads").first).to_be_hidden()
    overflow = page.evaluate("getComputedStyle(document.querySelector('.table-scroll')).overflowX")
    assert overflow == "visible"
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert page.csp_violations == []

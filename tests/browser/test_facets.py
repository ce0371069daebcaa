"""Facets in a real browser: state survives every interaction; keyboard and phone use."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def params(page):
    return parse_qs(urlsplit(page.url).query)


def tick(page, facet, index):
    """Tick the index-th unticked value of a facet; facets.js searches at once."""
    value = (
        page.locator(f'input[data-facet="{facet}"]:not(:checked)').nth(index).get_attribute("value")
    )
    # A locator by value: one by ":not(:checked)" would find another box on the next page.
    box = page.locator(f'input[data-facet="{facet}"][value="{value}"]')
    with page.expect_navigation():
        box.check()
    # facets.js moves the focus once the page has loaded: wait, so no click lands mid-scroll.
    page.wait_for_load_state("load")
    return value


def test_facet_state_survives_every_interaction(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/components/")
    first = tick(page, "kind", 0)
    second = tick(page, "kind", 0)
    assert sorted(params(page)["kind"]) == sorted([first, second])
    # After a change the focus is on the results' heading, not back at the top.
    expect(page.locator("#results-title")).to_be_focused()
    owner = tick(page, "owner", 0)
    assert params(page)["owner"] == [owner]
    assert sorted(params(page)["kind"]) == sorted([first, second])

    page.locator("#id_q").fill("service")
    with page.expect_navigation():
        page.locator("#id_q").press("Enter")
    state = params(page)
    assert state["q"] == ["service"]
    assert sorted(state["kind"]) == sorted([first, second]) and state["owner"] == [owner]
    assert state.get("sort") != ["name"]
    for key in (first, second):
        expect(page.locator(f'input[data-facet="kind"][value="{key}"]')).to_be_checked()

    # Remove one chip: only that value goes.
    chips = page.locator(".chips a.chip")
    expect(chips).to_have_count(3)
    with page.expect_navigation():
        page.locator(".chips a.chip").filter(has_text="Owner").click()
    expect(page.locator("#results-title")).to_be_focused()
    state = params(page)
    assert "owner" not in state
    assert sorted(state["kind"]) == sorted([first, second]) and state["q"] == ["service"]


def test_few_tab_presses_to_the_first_result(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/components/")
    presses = 0
    first_result = page.locator("article.component-card a").first
    for _ in range(6):
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.textContent.trim()") == "Skip to results":
            page.keyboard.press("Enter")
            expect(page.locator("#results-title")).to_be_focused()
            page.keyboard.press("Tab")
            presses += 1
            break
    expect(first_result).to_be_focused()
    assert presses <= 3


def test_filter_box_narrows_a_long_facet(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/components/")
    items = page.locator("#facet-technology-values li")
    before = items.count()
    assert before > 5
    page.get_by_label("Find a value (Technology)").fill("java")
    visible = page.locator("#facet-technology-values li:visible")
    assert 0 < visible.count() < before
    for text in visible.all_inner_texts():
        assert "java" in text.lower()


def test_phone_filters_sit_in_a_closed_drawer_above_the_results(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/components/?kind=service")
    drawer = page.locator("details.filters-drawer")
    expect(drawer).not_to_have_attribute("open", "")
    summary = drawer.locator("summary")
    expect(summary).to_contain_text("1 selected")
    assert summary.bounding_box()["y"] < page.locator("#results-title").bounding_box()["y"]
    assert summary.bounding_box()["y"] < 844  # on the first screen, not after the results
    summary.click()
    expect(page.locator('input[data-facet="kind"][value="service"]')).to_be_visible()

"""Swagger UI and Redoc in a real browser: they render under the Content-Security-Policy and
request nothing from another origin."""

from urllib.parse import urlsplit

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("path", "rendered"), [("/api/docs/", ".opblock"),
                                                ("/api/redoc/", "[data-section-id]")])  # fmt: skip
def test_api_documentation_renders_under_the_csp_from_this_site_only(page, live_server, path,
                                                                     rendered):  # fmt: skip
    factories.component(name="Archiving")
    problems, outside = [], []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text
            else None
        ),
    )
    origin = urlsplit(live_server.url).netloc
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https")
            and urlsplit(request.url).netloc != origin
            else None
        ),
    )
    page.goto(live_server.url + path)
    page.wait_for_selector(rendered, timeout=30_000)
    assert problems == [] and outside == []
    assert page.locator("html").get_attribute("lang") == "en"

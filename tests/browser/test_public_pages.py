"""Every public page in a phone-sized browser and under axe-core, in the three languages.

One browser for the session, one live server, the demo catalogue loaded once: each page is
opened once per language at 390 px, checked for width, then for accessibility.
"""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# axe-core (MPL-2.0), vendored for the tests only: never served by the site.
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}
LANGUAGES = {"en": "", "fr": "/fr", "nl": "/nl"}


def public_paths():
    """The public pages, from the demo catalogue."""
    from catalogue.models import CaseStudy, Component, Event, Institution, Project

    component = Component.objects.published().order_by("slug").first()
    institution = Institution.objects.order_by("-pk").filter(owned_components__isnull=False)[0]
    case_study = CaseStudy.objects.published().order_by("slug").first()
    return {
        "home": "/",
        "components": "/components/",
        "component page": component.get_absolute_url().removeprefix("/en"),
        "institutions": "/institutions/",
        "institution page": institution.get_absolute_url().removeprefix("/en"),
        "projects": "/projects/",
        "project page": Project.objects.filter(reuses__isnull=False)
        .order_by("slug")[0]
        .get_absolute_url()
        .removeprefix("/en"),
        "case studies": "/case-studies/",
        "case study": case_study.get_absolute_url().removeprefix("/en"),
        "savings dashboard": "/roi/",
        "calculator": "/roi/calculator/",
        "search without result": "/components/?q=zzqxwv",
        "news": "/news/",
        "events": "/events/",
        "past events": "/events/past/",
        "event": Event.objects.published()
        .order_by("slug")[0]
        .get_absolute_url()
        .removeprefix("/en"),
        "reuse request": f"{component.get_absolute_url().removeprefix('/en')}contact/",
        "contact": "/contact/",
        "newsletter": "/newsletter/",
    }


# The rendered size of the smallest text of the charts (SVG scaled to the screen), or null.
SMALLEST_CHART_TEXT = """() => {
  const sizes = [...document.querySelectorAll("svg text")]
    .filter(text => text.getClientRects().length)
    .map(text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a);
  return sizes.length ? Math.min(...sizes) : null;
}"""


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    assert result["passes"], "axe ran no rule"
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:5])
        for violation in result["violations"]
    ]


def test_every_public_page_fits_a_phone_and_passes_axe(browser, live_server, demo):
    # bypass_csp: axe is injected as an inline script (the journeys test checks the CSP).
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    too_wide, small_text, violations = {}, {}, {}
    try:
        for code, prefix in LANGUAGES.items():
            for label, path in public_paths().items():
                url = f"{live_server.url}{prefix}{path}"
                response = page.goto(url)
                assert response.status == 200, url
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide[(code, label)] = width
                smallest = page.evaluate(SMALLEST_CHART_TEXT)
                if smallest is not None and smallest < 12:
                    small_text[(code, label)] = smallest
                found = axe_violations(page)
                if found:
                    violations[(code, label)] = found
        # The facets open on a wide screen (a drawer, closed, on phones), with values selected.
        page.set_viewport_size({"width": 1280, "height": 900})
        for code, prefix in LANGUAGES.items():
            page.goto(f"{live_server.url}{prefix}/components/?kind=service&owner=smals&q=archive")
            found = axe_violations(page)
            if found:
                violations[(code, "facets, wide")] = found
    finally:
        context.close()
    assert (too_wide, small_text, violations) == ({}, {}, {})

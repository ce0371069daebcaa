"""Public pages through the HTTP client: content, malformed input, query counts."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from catalogue.models import Component
from tests import factories
from tests.pagetext import (
    facet_links,
    facet_values,
    main,
    result_links,
    result_names,
    results_heading,
    selected_facets,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    owner = factories.institution(
        name="Office National de Sécurité Sociale", acronym="ONSS", slug="onss"
    )
    helper = factories.institution(name="Smals", acronym="Smals", slug="smals")
    flux = factories.component(name="Système Flux", slug="systeme-flux")
    component = factories.component(
        name="Archiving-as-a-Service",
        slug="aaas",
        kind="service",
        owner=owner,
        short_description="Electronic archiving with legal value.",
        long_description="Keeps **records** readable.\n\n<script>alert(1)</script>",
        lifecycle="production",
        licence="EUPL-1.2",
        reuse_conditions="public-sector",
        documentation_url="https://docs.example.org/aaas",
        source_code_url="https://code.example.org/aaas",
        support_name="AaaS desk",
        support_email="aaas@example.org",
        categories=[factories.category(name="Infrastructure", slug="infra")],
        technologies=[factories.technology(name="Java", slug="java")],
    )
    component.contributors.set([helper])
    component.depends_on.set([flux])
    dependent = factories.component(name="Portal", slug="portal")
    dependent.depends_on.set([component])
    hidden = factories.draft_component(name="Hidden draft", slug="hidden")
    component.related.set([hidden])
    project = factories.project(name="Check report", slug="check-report", clients=[owner])
    factories.reuse(project, component)
    factories.case_study(
        title="AaaS story", slug="aaas-story", institution=owner, components=[component]
    )
    factories.case_study(
        title="Draft story", slug="draft-story", publication="draft", institution=owner
    )
    return component


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK, (url, params, response.status_code)
    return response.content.decode()


def test_home_shows_live_counts_newest_entries_and_a_search_box(client, entry):
    html = get(client, reverse("catalogue:home"))
    assert 'name="q"' in html
    assert "Archiving-as-a-Service" in html
    assert "AaaS story" in html
    assert "Draft story" not in html and "Hidden draft" not in html
    counts = {
        term.text: term.parent.find("dd").text
        for term in main(html).find("dl", "counts").find_all("dt")
    }
    assert counts == {
        "Reusable components": "3",  # AaaS, Système Flux, Portal; not the draft
        "Contributing institutions": "4",  # ONSS, Smals (contributor), the two other owners
        "Projects": "1",
    }


def test_component_page_tells_everything_a_developer_needs(client, entry):
    html = get(client, entry.get_absolute_url())
    for text in [
        "Archiving-as-a-Service", "Electronic archiving with legal value.",
        "<strong>records</strong>", "Office National de Sécurité Sociale (ONSS)", "Smals",
        "In production", "EUPL-1.2", "Any public-sector body may reuse",
        "https://docs.example.org/aaas", "https://code.example.org/aaas", "AaaS desk",
        "mailto:aaas@example.org", "Check report", "AaaS story", "Système Flux", "Portal",
        "Infrastructure", "Java",
    ]:  # fmt: skip
        assert text in html, text
    assert "<script>alert(1)</script>" not in html
    assert "Hidden draft" not in html


def test_draft_component_answers_404(client, entry):
    response = client.get(reverse("catalogue:component-detail", args=["hidden"]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert client.get("/case-studies/draft-story/").status_code == HTTPStatus.NOT_FOUND


def test_component_list_searches_narrows_and_counts(client, entry):
    html = get(client, reverse("catalogue:component-list"))
    assert results_heading(html) == "3 components"
    assert result_names(html) == ["Archiving-as-a-Service", "Portal", "Système Flux"]
    assert facet_links(html, "kind") == {
        "component": "Software component (2)",
        "service": "Service (1)",
    }
    html = get(client, reverse("catalogue:component-list"), q="archiving")
    assert results_heading(html) == "1 component"
    assert result_links(html) == {"Archiving-as-a-Service": "/components/aaas/"}
    assert "<mark>Archiving</mark>-as-a-Service" in html  # the matched word highlighted
    html = get(client, reverse("catalogue:component-list"), owner="onss", kind="service")
    assert results_heading(html) == "1 component"
    assert result_links(html) == {"Archiving-as-a-Service": "/components/aaas/"}
    # Checkboxes of the search form; the selected ones ticked, and shown as chips that each
    # remove only their value.
    assert facet_values(html, "category") == {"infra": ("Infrastructure (1)", False)}
    assert facet_values(html, "technology") == {"java": ("Java (1)", False)}
    assert facet_values(html, "kind")["service"] == ("Service (1)", True)
    assert selected_facets(html) == {
        "Kind: Service": ("?owner=onss", "(1)"),
        "Owner: Office National de Sécurité Sociale (ONSS)": ("?kind=service", "(1)"),
    }
    assert main(html).find("a", href="/components/").text == "Clear the search and all filters"


def test_empty_result_says_so_and_offers_to_clear(client, entry):
    html = get(client, reverse("catalogue:component-list"), q="nothing matches this")
    assert "No component matches this search." in html
    assert "Clear the search and all filters" in html


ALL_THREE = ["Archiving-as-a-Service", "Portal", "Système Flux"]


def _ignored(html):
    """The parameters the page says it ignored."""
    notices = main(html).find_all("div", "notice-error")
    return [code.text for notice in notices for code in notice.find_all("code")]


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"owner": "nosuch"}, ["owner"]),
        ({"kind": "planet"}, ["kind"]),
        ({"sort": "sideways"}, ["sort"]),
        ({"q": "x" * 5000}, ["q"]),
        ({"category": ["a", "b", "c"]}, ["category"]),
        ({"q": "\x00"}, ["q"]),
    ],
    ids=["owner", "kind", "sort", "long-q", "category", "null-q"],
)
def test_malformed_parameters_are_named_and_the_rest_is_shown(client, entry, params, ignored):
    response = client.get(reverse("catalogue:component-list"), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert _ignored(html) == ignored
    assert results_heading(html) == "3 components"
    assert result_names(html) == ALL_THREE  # ignored, so every entry, sorted by name


def test_malformed_parameter_keeps_the_valid_ones(client, entry):
    html = get(client, reverse("catalogue:component-list"), kind=["service", "planet"], q="legal")
    assert _ignored(html) == ["kind"]
    assert result_names(html) == ["Archiving-as-a-Service"]


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("", 1), ("1.5", 1), ("-3", 2), ("0", 2), ("99999", 2), ("2", 2)],
)
def test_malformed_page_number_shows_the_nearest_page(client, db, settings, page, shown):
    settings.CATALOGUE_PAGE_SIZE = 2
    for name in ["Alpha", "Bravo", "Charlie"]:
        factories.component(name=name)
    html = get(client, reverse("catalogue:component-list"), page=page)
    assert results_heading(html) == "3 components"
    assert result_names(html) == [["Alpha", "Bravo"], ["Charlie"]][shown - 1]
    assert main(html).find("span", aria_current="page").text == f"Page {shown} of 2"


def test_unknown_parameter_value_is_reported(client, entry):
    html = get(client, reverse("catalogue:component-list"), owner="nosuch")
    assert "Some parameters were not understood" in html
    assert "<code>owner</code>" in html


def test_institution_pages(client, entry):
    html = get(client, reverse("catalogue:institution-list"))
    assert "Office National de Sécurité Sociale (ONSS)" in html
    html = get(client, reverse("catalogue:institution-detail", args=["onss"]))
    assert "Archiving-as-a-Service" in html and "Check report" in html and "AaaS story" in html
    assert "Hidden draft" not in html and "Draft story" not in html


def test_project_pages(client, entry):
    html = get(client, reverse("catalogue:project-list"))
    assert "Check report" in html
    html = get(client, reverse("catalogue:project-detail", args=["check-report"]))
    assert "Archiving-as-a-Service" in html and "ONSS" in html


def test_project_list_rejects_bad_year_gracefully(client, entry):
    html = get(client, reverse("catalogue:project-list"), year="soon")
    assert "<code>year</code>" in html


def test_case_study_pages(client, entry):
    html = get(client, reverse("catalogue:casestudy-list"))
    assert "AaaS story" in html and "Draft story" not in html
    html = get(client, reverse("catalogue:casestudy-detail", args=["aaas-story"]))
    assert "Archiving-as-a-Service" in html


def test_about_page_cites_the_report(client, db):
    html = get(client, reverse("catalogue:about"))
    assert "Rapport d'activité 2020" in main(html).text


def test_pages_have_landmarks_and_a_language_switcher(client, entry):
    html = get(client, reverse("catalogue:component-list"))
    assert '<main id="main"' in html and "<nav" in html and "<header" in html and "<footer" in html
    assert 'href="#main"' in html
    # The switcher links to this page in each language (no form, works without JavaScript).
    assert 'href="http://testserver/fr/components/" hreflang="fr"' in html
    # No inline script: a strict CSP holds (scripts are files of static/).
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)


def test_switching_language_translates_the_interface(client, entry):
    # Django's set_language still works: it sends to the page's address in that language.
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/components/"})
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/fr/components/"
    html = get(client, response["Location"])
    assert 'lang="fr"' in html
    assert "Catalogue des composants réutilisables" in html


@factories.without_history
def _populate(count):
    owner = factories.institution()
    categories = [factories.category() for _ in range(3)]
    technologies = [factories.technology() for _ in range(3)]
    project = factories.project()
    for index in range(count):
        component = factories.component(
            owner=owner if index % 2 else factories.institution(),
            categories=categories[: index % 3 + 1],
            technologies=technologies[: index % 2 + 1],
        )
        if index % 5 == 0:
            factories.reuse(project, component)
    return Component.objects.published().order_by("name").first()


@pytest.mark.parametrize("count", [10, 1000])
def test_listing_query_count_does_not_grow_with_the_catalogue(
    client, django_assert_max_num_queries, count
):
    _populate(count)
    with django_assert_max_num_queries(14):
        html = get(client, reverse("catalogue:component-list"), q="component", sort="most-reused")
    assert results_heading(html) == f"{count} components"
    assert len(result_names(html)) == min(count, 20)
    with django_assert_max_num_queries(14):
        html = get(client, reverse("catalogue:component-list"), page="2")
    # Page 2 of 1,000 entries holds 20; of 10, there is no page 2: the last page shows all 10.
    assert len(result_names(html)) == {10: 10, 1000: 20}[count]


@pytest.mark.parametrize("count", [10, 1000])
def test_detail_query_count_does_not_grow_with_the_catalogue(
    client, django_assert_max_num_queries, count
):
    component = _populate(count)
    project = factories.project()
    with factories.without_history:
        for _ in range(count // 10):
            factories.reuse(factories.project(clients=[factories.institution()]), component, fp=1)
    factories.reuse(project, component)
    with django_assert_max_num_queries(14):
        response = client.get(component.get_absolute_url())
    assert response.status_code == HTTPStatus.OK


def test_component_page_groups_what_it_does_not_state_and_leads_to_the_owner(client):
    owner = factories.institution(
        name="Office X", acronym="OX", slug="office-x", contact_email="info@ox.example"
    )
    bare = factories.component(slug="bare", owner=owner, licence="EUPL-1.2")
    html = get(client, bare.get_absolute_url())
    facts = main(html).find("aside", cls="detail-side")
    # One "Not stated" line naming every missing fact, not one per fact (and one in the
    # software section, for its own facts).
    assert facts.text.count("Not stated") == 1
    assert html.count("Not stated") == 2
    assert facts.find("div", cls="not-stated").find("dd").text == (
        "reuse conditions, website, documentation, source code"
    )
    # No support contact: the owner's page and its own address, not a dead end.
    support = next(div for div in facts.find_all("div") if div.find("dt").text == "Support")
    hrefs = [link.attrs["href"] for link in support.find_all("a")]
    assert hrefs == [owner.get_absolute_url(), "mailto:info@ox.example"]

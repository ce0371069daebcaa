"""Public pages through the HTTP client: content, malformed input, query counts."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from catalogue.models import Component
from tests import factories

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
    assert "<dd>4</dd>" in html  # published components


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
    html = get(client, reverse("catalogue:component-list"), q="archiving")
    assert "1 component<" in html
    assert "<mark>Archiving</mark>-as-a-Service" in html  # the matched word highlighted
    html = get(client, reverse("catalogue:component-list"), owner="onss", kind="service")
    assert "1 component<" in html
    assert "?owner=onss&amp;kind=service" in html or "kind=service" in html


def test_empty_result_says_so_and_offers_to_clear(client, entry):
    html = get(client, reverse("catalogue:component-list"), q="nothing matches this")
    assert "No component matches this search." in html
    assert "Clear the search and all filters" in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999"},
        {"owner": "nosuch"},
        {"kind": "planet"},
        {"sort": "sideways"},
        {"q": "x" * 5000},
        {"category": ["a", "b", "c"]},
        {"q": "\x00"},
    ],
)
def test_malformed_parameters_give_a_normal_page(client, entry, params):
    response = client.get(reverse("catalogue:component-list"), params)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "components" in html or "component" in html


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
    assert "Rapport d'activité 2020" in html or "Rapport d&#x27;activité 2020" in html


def test_pages_have_landmarks_and_a_language_switcher(client, entry):
    html = get(client, reverse("catalogue:component-list"))
    assert '<main id="main"' in html and "<nav" in html and "<header" in html and "<footer" in html
    assert 'href="#main"' in html
    assert 'action="/i18n/setlang/"' in html
    assert "<script" not in html  # no inline script: a strict CSP holds


def test_switching_language_translates_the_interface(client, entry):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/components/"})
    assert response.status_code == HTTPStatus.FOUND
    html = get(client, reverse("catalogue:component-list"))
    assert 'lang="fr"' in html
    assert "Catalogue des composants réutilisables" in html


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
        client.get(reverse("catalogue:component-list"), {"q": "component", "sort": "most-reused"})
    with django_assert_max_num_queries(14):
        client.get(reverse("catalogue:component-list"), {"page": "2"})


@pytest.mark.parametrize("count", [10, 1000])
def test_detail_query_count_does_not_grow_with_the_catalogue(
    client, django_assert_max_num_queries, count
):
    component = _populate(count)
    project = factories.project()
    for _ in range(count // 10):
        factories.reuse(factories.project(clients=[factories.institution()]), component, fp=1)
    factories.reuse(project, component)
    with django_assert_max_num_queries(14):
        response = client.get(component.get_absolute_url())
    assert response.status_code == HTTPStatus.OK

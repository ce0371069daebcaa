"""The institution and case-study listings: their FilterSets drive the pages and the API."""

from http import HTTPStatus

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def _names(html, names):
    return [name for name in names if f">{name}<" in html]


def test_institution_list_filters_by_name_and_member_category(client):
    factories.institution(name="Office national de sécurité sociale", acronym="ONSS",
                          member_category="A")  # fmt: skip
    factories.institution(name="Plate-forme eHealth", acronym="eHealth", member_category="B")
    names = ["Office national de sécurité sociale (ONSS)", "Plate-forme eHealth (eHealth)"]

    html = client.get("/institutions/").content.decode()
    assert _names(html, names) == names
    html = client.get("/institutions/", {"q": "ehea"}).content.decode()
    assert _names(html, names) == ["Plate-forme eHealth (eHealth)"]
    html = client.get("/institutions/", {"member_category": "A"}).content.decode()
    assert _names(html, names) == ["Office national de sécurité sociale (ONSS)"]
    assert "1 institution" in html


def test_institution_list_names_an_ignored_parameter(client):
    factories.institution(name="Smals", acronym="Smals")
    response = client.get("/institutions/", {"member_category": "Z"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<code>member_category</code>" in html


def test_case_study_list_filters_by_title_and_hides_drafts(client):
    factories.case_study(title="Archiving as a service at ONSS")
    factories.case_study(title="MyDIA, a mobile app")
    factories.case_study(title="Draft story", publication="draft")
    html = client.get("/case-studies/").content.decode()
    assert "Archiving as a service at ONSS" in html and "MyDIA, a mobile app" in html
    assert "Draft story" not in html
    html = client.get("/case-studies/", {"q": "mobile"}).content.decode()
    assert "MyDIA, a mobile app" in html and "Archiving as a service" not in html
    html = client.get("/case-studies/", {"q": "nothing like it"}).content.decode()
    assert "No case study matches." in html


def test_case_study_api_and_page_list_the_same_entries(client):
    shown = factories.case_study(title="Shared story")
    factories.case_study(title="Hidden story", publication="submitted")
    api = client.get("/api/case-studies/").json()
    assert [item["slug"] for item in api["results"]] == [shown.slug]


@pytest.mark.parametrize("count", [3, 30])
def test_listing_query_counts_do_not_grow(client, django_assert_max_num_queries, count):
    owner = factories.institution()
    components = [factories.component(owner=owner) for _ in range(3)]
    for index in range(count):
        factories.case_study(components=components, institution=owner,
                             title=f"Story {index}")  # fmt: skip
        factories.institution()
    with django_assert_max_num_queries(8):
        assert client.get("/case-studies/").status_code == HTTPStatus.OK
    with django_assert_max_num_queries(6):
        assert client.get("/institutions/").status_code == HTTPStatus.OK

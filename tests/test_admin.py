"""The admin for catalogue editors (a superuser here; roles come with the submission workflow)."""

from http import HTTPStatus

import pytest

from catalogue.models import Component, ComponentReuse, Publication
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    component = factories.component(name="Archiving-as-a-Service", slug="aaas")
    project = factories.project(name="Check report", new_fp=100)
    factories.reuse(project, component, fp=50)
    return component


@pytest.mark.parametrize(
    "model",
    ["component", "institution", "project", "casestudy", "category", "technology",
     "componentreuse", "reuseyear"],
)  # fmt: skip
def test_changelist_search_and_add_pages(admin_client, entry, model):
    base = f"/admin/catalogue/{model}/"
    assert admin_client.get(base).status_code == HTTPStatus.OK
    assert admin_client.get(base, {"q": "archiving"}).status_code == HTTPStatus.OK
    assert admin_client.get(f"{base}add/").status_code == HTTPStatus.OK


def test_component_change_page_and_filters(admin_client, entry):
    html = admin_client.get(f"/admin/catalogue/component/{entry.pk}/change/").content.decode()
    assert "Archiving-as-a-Service" in html and "Check report" in html
    response = admin_client.get("/admin/catalogue/component/", {"publication__exact": "draft"})
    assert response.status_code == HTTPStatus.OK


def test_autocomplete_for_relations(admin_client, entry):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "catalogue",
            "model_name": "component",
            "field_name": "depends_on",
            "term": "archiv",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"][0]["text"] == "Archiving-as-a-Service"


def test_bulk_publish_and_unpublish(admin_client, entry):
    draft = factories.draft_component()
    url = "/admin/catalogue/component/"
    admin_client.post(url, {"action": "unpublish", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.publication == Publication.DRAFT
    admin_client.post(url, {"action": "publish", "_selected_action": [entry.pk, draft.pk]})
    assert Component.objects.published().filter(pk__in=[entry.pk, draft.pk]).count() == 2


def test_reuse_inline_refuses_more_function_points_than_the_project(admin_client, entry):
    project = entry.projects.get()
    reuse = ComponentReuse.objects.get(project=project)
    data = {
        "name_en": project.name, "language": "en", "slug": project.slug, "year": 2020,
        "status": "", "new_fp": "100",
        "reuses-TOTAL_FORMS": "1", "reuses-INITIAL_FORMS": "1", "reuses-MIN_NUM_FORMS": "0",
        "reuses-MAX_NUM_FORMS": "1000", "reuses-0-id": reuse.pk, "reuses-0-project": project.pk,
        "reuses-0-component": entry.pk, "reuses-0-fp": "150", "reuses-0-relative_cost": "",
    }  # fmt: skip
    response = admin_client.post(f"/admin/catalogue/project/{project.pk}/change/", data)
    assert response.status_code == HTTPStatus.OK  # the form again, with the error
    assert "new functionality (100)" in response.content.decode()
    reuse.refresh_from_db()
    assert reuse.fp == 50


def test_component_validation_refuses_bad_licence_and_relative_cost(admin_client, entry):
    owner = factories.institution()
    response = admin_client.post(
        "/admin/catalogue/component/add/",
        {"name_en": "X", "language": "en", "slug": "x", "kind": "service",
         "short_description_en": "x", "owner": owner.pk,
         "lifecycle": "production", "publication": "draft", "licence": "not a licence!",
         "relative_cost": "2", "reuses-TOTAL_FORMS": "0", "reuses-INITIAL_FORMS": "0"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "SPDX" in html
    assert "less than or equal to 1.5" in html
    assert not Component.objects.filter(slug="x").exists()


def test_anonymous_users_are_sent_to_login(client, entry):
    response = client.get("/admin/catalogue/component/")
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]

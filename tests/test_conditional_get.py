"""Finding 9: the API's validators change whenever anything a response shows changes, related
entries included (a dependency published or withdrawn, a case study, a project's reuse)."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from catalogue.models import CaseStudy, CatalogueState, Component, Publication
from catalogue.review import workflow
from tests import factories

# Public-state moves happen after the commit: the test commits.
pytestmark = pytest.mark.django_db(transaction=True)


def settle():
    """Make every change so far five minutes old (Last-Modified counts whole seconds)."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    CatalogueState.objects.update(changed=past)
    Component.objects.update(updated=past)
    CaseStudy.objects.update(updated=past)


@pytest.fixture
def entry():
    entry = factories.component(name="Entry", slug="entry")
    settle()
    return entry


def fresh_response(client, path):
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK and response["Last-Modified"], path
    return response


def conditional(client, path, response):
    return client.get(path, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code


def test_unchanged_entry_answers_304(client, entry):
    response = fresh_response(client, "/api/components/entry/")
    assert conditional(client, "/api/components/entry/", response) == HTTPStatus.NOT_MODIFIED
    again = client.get("/api/components/entry/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.parametrize(
    "change", ["publish dependent", "withdraw dependency", "case study", "reuse", "owner renamed"]
)
def test_a_change_to_something_shown_moves_the_validators(client, entry, change):
    dependency = factories.component(name="Dependency")
    entry.depends_on.add(dependency)
    dependent = factories.draft_component(name="Dependent")
    dependent.depends_on.add(entry)
    settle()
    path = "/api/components/entry/"
    response = fresh_response(client, path)
    if change == "publish dependent":
        workflow.publish(dependent, by=None)
    elif change == "withdraw dependency":
        workflow.unpublish(dependency, by=None)
    elif change == "case study":
        factories.case_study(components=[entry])
    elif change == "reuse":
        factories.reuse(factories.project(), entry, fp=3)
    else:
        entry.owner.name = "Renamed owner"
        entry.owner.save()
    assert conditional(client, path, response) == HTTPStatus.OK
    changed = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == HTTPStatus.OK
    assert changed["ETag"] != response["ETag"]


def test_no_last_modified_while_the_last_change_is_within_the_second(client, entry, monkeypatch):
    Component.objects.filter(pk=entry.pk).update(publication=Publication.PUBLISHED)
    CatalogueState.bump()
    # Answered within the second of the change (pinned: a busy machine may take longer).
    changed = CatalogueState.current().changed
    monkeypatch.setattr("catalogue.api.views.timezone.now", lambda: changed)
    response = client.get("/api/components/entry/")
    assert response.status_code == HTTPStatus.OK
    assert not response.has_header("Last-Modified")


@pytest.mark.parametrize(
    "path", ["/api/institutions/{owner}/", "/api/projects/{project}/", "/api/case-studies/{case}/"]
)
def test_every_detail_has_validators(client, entry, path):
    project = factories.project(clients=[entry.owner])
    case = factories.case_study(institution=entry.owner)
    settle()
    url = path.format(owner=entry.owner.slug, project=project.slug, case=case.slug)
    response = fresh_response(client, url)
    entry.owner.name = "Renamed"
    entry.owner.save()
    assert conditional(client, url, response) == HTTPStatus.OK

"""Issue 13, item 4: reuse declarations, written by an institution's submitters, published by
editors, never visible before review (page, API, listing filter and sort, publiccode.yml)."""

import re
from http import HTTPStatus

import pytest

from catalogue.models import Component, PendingChange, Publication, ReuseDeclaration
from catalogue.publiccode.export import component_to_publiccode
from tests import factories
from tests.admin_forms import get_form, make_user

pytestmark = pytest.mark.django_db
ADD = "/admin/catalogue/reusedeclaration/add/"
USE_CASE = "Identity checks for the unemployment desk"


@pytest.fixture
def setting():
    onem = factories.institution(slug="onem", name="ONEM", acronym="ONEM")
    other = factories.institution(slug="other", name="Other", acronym="OTH")
    owner = factories.institution(slug="owner", name="Owner", acronym="OWN")
    login = factories.component(name="Login", slug="login", owner=owner)
    factories.component(name="Archive", slug="archive", owner=owner)
    measured = factories.project(name="Desk", slug="desk", new_fp=100, clients=[onem])
    foreign = factories.project(name="Foreign", slug="foreign", new_fp=100, clients=[other])
    return {
        "onem": onem,
        "other": other,
        "login": login,
        "measured": measured,
        "foreign": foreign,
        "submitter": make_user("onem-sub", institutions=[onem]),
        "editor": make_user("editor", editor=True),
    }


def _declare(client, setting, **changes):
    client.force_login(setting["submitter"])
    values = {
        "institution": str(setting["onem"].pk),
        "component": str(setting["login"].pk),
        "release": "4.2",
        "since": "2019-03-01",
        "use_case": USE_CASE,
        "instance_url": "https://login.onem.example/",
        "contact": "team@onem.example",
        "project": str(setting["measured"].pk),
    }
    return client.post(ADD, get_form(client, ADD, **{**values, **changes}))


def _page(client):
    return client.get("/components/login/").content.decode()


def _api(client):
    return client.get("/api/components/login/").json()["declarations"]


def _used_by(slug="login"):
    component = Component.objects.published().for_detail().get(slug=slug)
    return component_to_publiccode(component, page_url="x", owner_url="y").get("usedBy", [])


def _listing_slugs(client, **params):
    return [item["slug"] for item in client.get("/api/components/", params).json()["results"]]


def test_a_declaration_is_invisible_until_an_editor_publishes_it(client, setting):
    # A crafted POST asking for publication: the state is the editors' field.
    response = _declare(client, setting, publication="published")
    assert response.status_code == HTTPStatus.FOUND
    declaration = ReuseDeclaration.objects.get()
    assert declaration.publication == Publication.DRAFT
    client.logout()
    assert USE_CASE not in _page(client)
    assert _api(client) == []
    assert "ONEM" not in _used_by()
    assert _listing_slugs(client, reused="declared") == []
    assert _listing_slugs(client, sort="most-reused")[0] == "archive"  # by name: no reuse yet

    client.force_login(setting["editor"])
    client.post(
        "/admin/catalogue/reusedeclaration/",
        {"action": "publish", "_selected_action": [declaration.pk]},
    )
    declaration.refresh_from_db()
    assert declaration.is_published
    client.logout()
    page = _page(client)
    section = page[page.index('id="declared-use"') :]
    assert USE_CASE in section, section[:1500]
    assert USE_CASE in page and '<time datetime="2019-03-01">' in page
    assert page.index('id="reused-by"') < page.index('id="declared-use"')
    [declared] = _api(client)
    assert declared["institution"]["slug"] == "onem"
    assert declared["since"] == "2019-03-01" and declared["release"] == "4.2"
    assert declared["project"]["slug"] == "desk"
    assert "ONEM" in _used_by()
    assert _listing_slugs(client, reused="declared") == ["login"]
    assert _listing_slugs(client, sort="most-reused")[0] == "login"
    html = client.get("/components/", {"reused": "declared"}).content.decode()
    assert "Declared by an institution" in html


def test_the_facet_counts_declared_and_measured_reuse(client, setting):
    from django.http import QueryDict

    from catalogue.search.facets import build_facets
    from catalogue.search.filters import ComponentFilterSet

    factories.reuse(setting["measured"], Component.objects.get(slug="archive"))
    ReuseDeclaration.objects.create(
        institution=setting["onem"], component=setting["login"], since="2020-01-01",
        use_case="x", publication=Publication.DRAFT,
    )  # fmt: skip

    def counts():
        filterset = ComponentFilterSet({}, queryset=Component.objects.published())
        [facet] = [f for f in build_facets(filterset, QueryDict()) if f.name == "reused"]
        return {value.key: value.count for value in facet.values}

    assert counts() == {"measured": 1}  # the draft does not count (a value at 0 is not listed)
    ReuseDeclaration.objects.update(publication=Publication.PUBLISHED)
    assert counts() == {"declared": 1, "measured": 1}


def test_a_submitter_declares_only_for_their_institution_and_its_projects(client, setting):
    response = _declare(client, setting, institution=str(setting["other"].pk))
    assert response.status_code == HTTPStatus.OK
    response = _declare(client, setting, project=str(setting["foreign"].pk))
    assert response.status_code == HTTPStatus.OK
    assert re.search(r"Select a valid choice", response.content.decode())
    assert not ReuseDeclaration.objects.exists()


def test_a_change_to_a_published_declaration_waits_for_review(client, setting):
    _declare(client, setting)
    declaration = ReuseDeclaration.objects.get()
    declaration.publication = Publication.PUBLISHED
    declaration.save()
    url = f"/admin/catalogue/reusedeclaration/{declaration.pk}/change/"
    client.post(url, get_form(client, url, use_case="Something else entirely"))
    declaration.refresh_from_db()
    assert declaration.use_case == USE_CASE
    assert PendingChange.objects.get().data == {"use_case": "Something else entirely"}
    client.logout()
    assert USE_CASE in _page(client) and "Something else" not in _page(client)

"""Findings 1 and 2: a submitter's save of a shared project keeps the other clients, and a
submitter's change to a project or its reuse rows (the measurement behind the published savings)
waits for an editor, who sees the differences and the effect on the year's figures."""

from decimal import Decimal
from http import HTTPStatus

import pytest

from catalogue.models import ComponentReuse, PendingChange, Project
from tests import factories
from tests.admin_forms import form_data, get_form, make_user

pytestmark = pytest.mark.django_db
ADMIN = "/admin/catalogue"


@pytest.fixture
def shared():
    clients = {
        slug: factories.institution(slug=slug, name=slug.upper(), acronym=slug.upper())
        for slug in ("inami", "inasti", "onem", "onss", "spf-etcs")
    }
    ehealth = factories.institution(slug="ehealth", name="eHealth", acronym="EH")
    other = factories.institution(slug="other", name="Other", acronym="OTH")
    factories.reuse_year(year=2020, unit_cost_eur=Decimal(1000))
    published = factories.component(name="Shared login", owner=ehealth)
    secret = factories.draft_component(name="Other's secret draft", owner=other)
    project = factories.project(
        name="Shared project",
        slug="shared",
        year=2020,
        new_fp=Decimal(1000),
        clients=list(clients.values()),
    )
    factories.reuse(project, published, fp=Decimal(300))
    return {
        "clients": clients,
        "project": project,
        "published": published,
        "secret": secret,
        "submitter": make_user("sub-onss", institutions=[clients["onss"]]),
        "editor": make_user("editor", editor=True),
    }


def url(project):
    return f"{ADMIN}/project/{project.pk}/change/"


def client_slugs(project):
    return sorted(project.clients.values_list("slug", flat=True))


def test_saving_a_shared_project_unchanged_keeps_every_client(client, shared):
    project = shared["project"]
    client.force_login(shared["submitter"])
    data = get_form(client, url(project))
    assert data["clients"] == [str(shared["clients"]["onss"].pk)]  # all the form offers
    response = client.post(url(project), data)
    assert response.status_code == HTTPStatus.FOUND
    assert client_slugs(project) == ["inami", "inasti", "onem", "onss", "spf-etcs"]
    assert not PendingChange.objects.exists()  # nothing changed, nothing to review
    api = client.get("/api/projects/shared/").json()
    assert len(api["clients"]) == 5


def test_a_submitters_change_to_a_project_waits_for_review(client, shared):
    project = shared["project"]
    before = client.get("/api/roi/2020/").json()
    client.force_login(shared["submitter"])
    client.post(url(project), get_form(client, url(project), new_fp="9999999"))
    project.refresh_from_db()
    assert project.new_fp == Decimal(1000)
    assert client.get("/api/roi/2020/").json()["reuse_share"] == before["reuse_share"] == 0.3
    pending = PendingChange.objects.get()
    assert pending.data == {"new_fp": "9999999.00"} and pending.base == {"new_fp": "1000.00"}

    client.force_login(shared["editor"])
    page = client.get(f"{ADMIN}/pendingchange/{pending.pk}/change/").content.decode()
    assert "9999999.00" in page and "1000.00" in page
    # The effect on the year's figures, computed by the savings model: 30 % -> 0 %.
    assert "30 % → 0 %" in page
    assert "EUR 240,000 → EUR 240,000" in page  # cost avoided: same reuse rows
    response = client.post(
        f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1", "status": "submitted"}
    )
    assert response.status_code == HTTPStatus.FOUND
    project.refresh_from_db()
    assert project.new_fp == Decimal("9999999")
    assert client_slugs(project) == ["inami", "inasti", "onem", "onss", "spf-etcs"]
    assert client.get("/api/roi/2020/").json()["reuse_share"] < 0.001


def test_reuse_rows_are_reviewed_too(client, shared):
    project = shared["project"]
    client.force_login(shared["submitter"])
    data = get_form(client, url(project), **{"reuses-0-fp": "400"})
    client.post(url(project), data)
    assert ComponentReuse.objects.get().fp == Decimal(300)
    pending = PendingChange.objects.get()
    assert list(pending.data) == ["reuses"]
    assert client.get("/api/roi/2020/").json()["cost_avoided_eur"] == 240_000
    client.force_login(shared["editor"])
    client.post(
        "/admin/catalogue/pendingchange/", {"action": "approve", "_selected_action": [pending.pk]}
    )
    assert ComponentReuse.objects.get().fp == Decimal(400)
    assert client.get("/api/roi/2020/").json()["cost_avoided_eur"] == 320_000


def test_a_reuse_row_naming_another_institutions_draft_is_refused(client, shared):
    project, secret = shared["project"], shared["secret"]
    client.force_login(shared["submitter"])
    data = get_form(client, url(project))
    data.update(
        {
            "reuses-TOTAL_FORMS": "2",
            "reuses-1-id": "",
            "reuses-1-project": str(project.pk),
            "reuses-1-component": str(secret.pk),
            "reuses-1-fp": "5000",
            "reuses-1-relative_cost": "",
            "reuses-1-note": "",
        }
    )
    response = client.post(url(project), data)
    assert response.status_code == HTTPStatus.OK  # the form again, with an error
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "secret" not in html.lower()
    assert not PendingChange.objects.exists()
    assert ComponentReuse.objects.count() == 1


def test_rows_a_submitter_cannot_see_are_not_shown_and_are_kept(client, shared):
    project, secret = shared["project"], shared["secret"]
    hidden = factories.reuse(project, secret, fp=Decimal(100))  # recorded by an editor
    client.force_login(shared["submitter"])
    response = client.get(url(project))
    assert "secret" not in response.content.decode().lower()
    data = form_data(response, **{"reuses-0-fp": "350"})
    # Crafted: the hidden row by id, to change it.
    data.update(
        {
            "reuses-TOTAL_FORMS": "2",
            "reuses-INITIAL_FORMS": "2",
            "reuses-1-id": str(hidden.pk),
            "reuses-1-project": str(project.pk),
            "reuses-1-component": str(secret.pk),
            "reuses-1-fp": "1",
            "reuses-1-relative_cost": "",
            "reuses-1-note": "",
        }
    )
    assert client.post(url(project), data).status_code == HTTPStatus.OK  # refused
    client.post(url(project), form_data(response, **{"reuses-0-fp": "350"}))
    pending = PendingChange.objects.get()
    client.force_login(shared["editor"])
    client.post(f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1"})
    rows = dict(ComponentReuse.objects.values_list("component__name", "fp"))
    assert rows == {"Shared login": Decimal(350), "Other's secret draft": Decimal(100)}


def test_a_submitters_new_project_waits_for_review(client, shared):
    client.force_login(shared["submitter"])
    onss = shared["clients"]["onss"]
    data = get_form(client, f"{ADMIN}/project/add/")
    data.update(
        {
            "language": "en",
            "name_en": "New one",
            "slug": "new-one",
            "year": "2020",
            "new_fp": "500",
            "clients": [str(onss.pk)],
            "reuses-TOTAL_FORMS": "1",
            "reuses-0-component": str(shared["published"].pk),
            "reuses-0-fp": "100",
        }
    )
    response = client.post(f"{ADMIN}/project/add/", data)
    assert response.status_code == HTTPStatus.FOUND, (
        response.context["adminform"].form.errors,
        [fs.formset.errors for fs in response.context["inline_admin_formsets"]],
    )
    assert not Project.objects.filter(slug="new-one").exists()
    assert client.get("/projects/new-one/").status_code == HTTPStatus.NOT_FOUND
    pending = PendingChange.objects.get()
    assert pending.is_new_entry
    client.force_login(shared["editor"])
    page = client.get(f"{ADMIN}/pendingchange/{pending.pk}/change/").content.decode()
    assert "New one" in page and "30 % → 27 %" in page
    client.post(f"{ADMIN}/pendingchange/{pending.pk}/change/", {"_approve": "1"})
    created = Project.objects.get(slug="new-one")
    assert client_slugs(created) == ["onss"]
    assert created.reuses.get().fp == Decimal(100)


def test_submitters_cannot_delete_projects(client, shared):
    project = shared["project"]
    client.force_login(shared["submitter"])
    client.post(f"{ADMIN}/project/{project.pk}/delete/", {"post": "yes"})
    client.post(
        f"{ADMIN}/project/",
        {"action": "delete_selected", "_selected_action": [project.pk], "post": "yes"},
    )
    assert Project.objects.filter(pk=project.pk).exists()


def test_submitters_cannot_delete_a_component_a_measurement_uses(client, shared):
    onss = shared["clients"]["onss"]
    mine = factories.draft_component(name="My draft", owner=onss)
    factories.reuse(shared["project"], mine, fp=Decimal(10))
    client.force_login(shared["submitter"])
    client.post(f"{ADMIN}/component/{mine.pk}/delete/", {"post": "yes"})
    assert ComponentReuse.objects.filter(component=mine).exists()


def test_a_drafts_relative_cost_does_not_move_the_published_figures(client, shared):
    onss = shared["clients"]["onss"]
    mine = factories.draft_component(name="My draft", owner=onss)
    factories.reuse(shared["project"], mine, fp=Decimal(100))  # approved earlier
    before = client.get("/api/roi/2020/").json()["cost_avoided_eur"]
    mine.relative_cost = Decimal(0)  # the submitter edits their draft directly
    mine.save()
    assert client.get("/api/roi/2020/").json()["cost_avoided_eur"] == before

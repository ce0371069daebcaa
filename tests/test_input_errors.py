"""Finding 7: input answers 400 or a form error, never a 500 — malformed JSON and numbers in
the calculator, control characters in query strings and names, unsafe URLs (refused on input,
and left out of the exports if one was stored anyway), History pages, crafted admin POSTs."""

import json
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError

from catalogue.models import Component, ComponentReuse, Project
from catalogue.review import workflow
from tests import factories
from tests.admin_forms import get_form, make_user
from tests.pagetext import content

pytestmark = pytest.mark.django_db
CALCULATE = "/api/roi/calculate/"
XSS_URL = "https://example.org/x.git#'><img/src=x/onerror=alert(1)>"


def calculate(client, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(CALCULATE, body, content_type="application/json")


@pytest.mark.parametrize(
    "body",
    [
        "[" * 1000 + "]" * 1000,
        '{"projects": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"unit_cost_eur": 1, "projects": [{"new_fp": 1, "reuse": ' + "[" * 40 + "]" * 40 + "}]}",
    ],
    ids=["list-1000", "list-5000", "nested-40"],
)
def test_deeply_nested_json_is_a_400(client, body):
    response = calculate(client, body)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "field",
    ["investment_eur", "unit_cost_eur"],
)
@pytest.mark.parametrize(
    "value", ["1E-999999", "1e-6143", "1e-400", "1e999999", "1E+50", "-0E-1000000", "1e-7"]
)
def test_decimal_exponents_never_500(client, field, value):
    payload = {
        "unit_cost_eur": 1000,
        "investment_eur": 10,
        "projects": [{"new_fp": 100, "reuse": [{"fp": 50}]}],
    }
    payload[field] = value
    response = calculate(client, payload)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST), response.content
    if response.status_code == HTTPStatus.OK:
        # Sane output: no number of hundreds of digits (the whole scenario fits in 4 kB).
        assert len(response.content) < 4000
        roi = response.json()["roi"]
        assert roi is None or len(repr(roi)) < 30


def test_a_tiny_investment_rounds_to_none_not_a_405_digit_roi(client):
    response = calculate(
        client,
        {
            "unit_cost_eur": 1000,
            "investment_eur": "1e-400",
            "projects": [{"new_fp": 100, "reuse": [{"fp": 50}]}],
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert response.json()["roi"] is None  # rounded to 0: nothing invested


def test_roi_is_given_to_sane_precision(client):
    data = calculate(
        client,
        {
            "unit_cost_eur": 1000,
            "investment_eur": 3,
            "projects": [{"new_fp": 100, "reuse": [{"fp": 50}]}],
        },
    ).json()
    assert data["roi"] == round(data["roi"], 6)


@pytest.mark.parametrize(
    "payload",
    [
        {"unit_cost_eur": 1, "projects": [{"new_fp": {"a": 1}}]},
        {"unit_cost_eur": [1], "projects": [{"new_fp": 1}]},
        {"unit_cost_eur": 1, "projects": [{"name": "a\x00b", "new_fp": 1}]},
        {"unit_cost_eur": 1, "projects": [{"new_fp": 1, "reuse": [{"fp": 1, "component": {}}]}]},
        {"unit_cost_eur": 1, "projects": [{"new_fp": 1}] * 501},
        {"unit_cost_eur": "1" * 5000, "projects": [{"new_fp": 1}]},
    ],
)
def test_odd_calculator_bodies_are_400s(client, payload):
    assert calculate(client, payload).status_code == HTTPStatus.BAD_REQUEST


CONTROL_VALUES = ["x%00", "x%0d%0a", "%0aSet-Cookie:a=b", "x%7f", "%1b[31m"]


@pytest.mark.parametrize("value", CONTROL_VALUES)
@pytest.mark.parametrize(
    "path",
    [
        "/api/schema/?version=",
        "/api/components/?q=",
        "/api/case-studies/?institution=",
        "/api/roi/2020/?x=",
    ],
)
def test_control_characters_in_api_query_strings_are_400s(client, path, value):
    response = client.get(path + value)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "control characters" in response.json()["detail"]


@pytest.mark.parametrize("value", CONTROL_VALUES)
@pytest.mark.parametrize(
    "path",
    [
        "/components/?q=",
        "/components/?owner=",
        "/institutions/?q=",
        "/projects/?year=",
        "/case-studies/?institution=",
        "/roi/?year=",
        "/roi/calculator/?new_fp=",
        "/feeds/components.rss?x=",
        "/catalogue.ttl?x=",
        "/sitemap.xml?p=",
    ],
)
def test_pages_with_control_characters_in_query_strings_answer(client, path, value):
    # Pages ignore what they cannot use (and say so), as for any malformed parameter.
    assert client.get(path + value).status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)


def test_schema_still_answers(client):
    assert client.get("/api/schema/").status_code == HTTPStatus.OK


# -- names and URLs --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["A\r\nBcc: someone@example.org", "A\nB", "A\x00B", "A\u2028B"])
def test_single_line_fields_refuse_control_characters(name):
    entry = factories.component()
    entry.name = name
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "name" in error.value.message_dict


def test_the_admin_refuses_a_name_with_a_line_break(client):
    owner = factories.institution()
    entry = factories.draft_component(owner=owner)
    client.force_login(make_user("sub", institutions=[owner]))
    url = f"/admin/catalogue/component/{entry.pk}/change/"
    response = client.post(url, get_form(client, url, name="Two\r\nlines"))
    assert response.status_code == HTTPStatus.OK
    assert "Line breaks" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_stored_name_with_a_line_break_can_still_be_submitted(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = factories.institution()
    user = make_user("sub", institutions=[owner])
    make_user("editor", editor=True)
    entry = factories.draft_component(owner=owner)
    Component.objects.filter(pk=entry.pk).update(
        name="Stored\r\nBcc: x@example.org", name_en="Stored\r\nBcc: x@example.org"
    )
    entry.refresh_from_db()
    workflow.submit(entry, by=user)
    entry.refresh_from_db()
    assert entry.publication == "submitted"
    subject = mail.outbox[-1].subject
    assert "\n" not in subject and "\r" not in subject and "Stored Bcc" in subject


@pytest.mark.parametrize(
    "url",
    [
        XSS_URL,
        "javascript:alert(1)",
        "ftp://example.org/x",
        "https://exa mple.org/",
        'https://example.org/"x"',
        "https://example.org/<x>",
        "mailto:a@example.org",
        "https://",
    ],
)
def test_url_fields_refuse_unsafe_addresses(client, url):
    owner = factories.institution()
    entry = factories.draft_component(owner=owner)
    client.force_login(make_user("sub", institutions=[owner]))
    change = f"/admin/catalogue/component/{entry.pk}/change/"
    response = client.post(
        change, get_form(client, change, source_code_url=url, support_url=url, website_url=url)
    )
    assert response.status_code == HTTPStatus.OK
    entry.refresh_from_db()
    assert entry.source_code_url == ""


def test_exports_never_fail_whatever_is_stored(client):
    category = factories.category(slug="cat")
    entry = factories.component(categories=[category], licence="MIT")
    dependency = factories.component()
    entry.depends_on.add(dependency)
    Component.objects.filter(pk=entry.pk).update(
        source_code_url=XSS_URL,
        support_url="javascript:alert(1)",
        website_url="https://a b",
        documentation_url="<>",
        support_email="a b@<x>",
        licence="MIT<>",
        support_name="x\x00y",
        name="Bad\x0bname",
        name_en="Bad\x0bname",
    )
    Component.objects.filter(pk=dependency.pk).update(website_url="https://x.org/<y>")
    for path in [
        "/catalogue.ttl",
        "/catalogue.jsonld",
        "/code.json",
        "/feeds/components.rss",
        "/feeds/components.atom",
        "/sitemap.xml",
        entry.get_absolute_url(),
        f"/api/components/{entry.slug}/",
    ]:
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
    # With a malformed licence the entry cannot have a publiccode.yml: a 404 that says what is
    # missing, not a 500.
    response = client.get(f"/components/{entry.slug}/publiccode.yml")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Missing: the licence of the code" in response.content.decode()
    ttl = content(client.get("/catalogue.ttl")).decode()
    assert "onerror" not in ttl and "javascript:" not in ttl


# -- History pages and crafted admin POSTs -----------------------------------------------------


@pytest.fixture
def everything():
    owner = factories.institution()
    component = factories.component(owner=owner)
    project = factories.project(clients=[owner], new_fp=100)
    factories.reuse(project, component, fp=10)
    year = factories.reuse_year()
    year.build_items.create(fp=5, location="central")
    year.programme_costs.create(label="Team", amount_eur=10)
    factories.case_study(institution=owner, components=[component])
    factories.category()
    factories.technology()
    member = make_user("member", institutions=[owner])
    # A waiting change with an effect on the 2020 figures: its page shows both.
    workflow.propose_change(
        project,
        data={"new_fp": "200.00"},
        base={"new_fp": "100.00"},
        base_version=project.version,
        by=member,
    )
    return component


@pytest.mark.parametrize("superuser", [False, True], ids=["editor", "superuser"])
def test_every_admin_change_and_history_page_answers(client, everything, superuser):
    editor = make_user("the-editor", editor=True)
    editor.is_superuser = superuser
    editor.save()
    client.force_login(editor)
    component = everything
    component.name = "Renamed once"
    component.save()  # a second historical record
    for model in admin.site._registry:
        if model._meta.app_label != "catalogue":
            continue
        obj = model._default_manager.first()
        if obj is None:
            continue
        base = f"/admin/catalogue/{model._meta.model_name}/{obj.pk}/"
        for suffix in ("change/", "history/"):
            response = client.get(base + suffix)
            assert response.status_code == HTTPStatus.OK, base + suffix
        if model._meta.model_name == "pendingchange":
            page = client.get(base + "change/").content.decode()
            assert "10 % → 5 %" in page and "200.00" in page
        history = getattr(obj, "history", None)
        if history is not None:
            record = history.earliest()
            assert client.get(f"{base}history/{record.history_id}/").status_code == 200, base


@pytest.mark.parametrize(
    "changes",
    [
        {"based_on_version": "abc"},
        {"based_on_version": "-1"},
        {"based_on_version": "99999999999999999999"},
        {"new_fp": "1e999999"},
        {"new_fp": "NaN"},
        {"year": "99999999"},
        {"clients": ["abc"]},
        {"clients": ["999999"]},
        {"reuses-TOTAL_FORMS": "100000"},
        {"reuses-INITIAL_FORMS": "abc"},
        {"reuses-0-id": "999999"},
        {"reuses-0-component": "abc"},
        {"technologies": ["abc", "1"]},
        {"reuses-0-id": "x"},
        {"reuses-0-component": "999999"},
        {"reuses-0-fp": "1e-999999"},
        {"reuses-0-relative_cost": "Infinity"},
        {"reuses-0-project": "999999"},
        {"slug": "a b"},
        {"name": "x" * 5000},
        {"website_url": "https://" + "a" * 5000 + ".org"},
        {"status": "no-such"},
    ],
)
@pytest.mark.parametrize("role", ["editor", "submitter"])
def test_crafted_project_posts_never_500(client, everything, changes, role):
    project = Project.objects.get()
    owner = project.clients.get()
    user = make_user("u", editor=True) if role == "editor" else make_user("u", institutions=[owner])
    client.force_login(user)
    url = f"/admin/catalogue/project/{project.pk}/change/"
    response = client.post(url, get_form(client, url, **changes))
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.BAD_REQUEST)
    assert ComponentReuse.objects.get().fp == 10


def test_crafted_pending_change_posts_never_500(client, everything):
    client.force_login(make_user("ed", editor=True))
    for path, data in [
        ("/admin/catalogue/pendingchange/999/change/", {"_approve": "1"}),
        ("/admin/catalogue/pendingchange/x/change/", {"_approve": "1"}),
        ("/admin/catalogue/pendingchange/", {"action": "approve", "_selected_action": ["x"]}),
        ("/admin/catalogue/component/", {"action": "publish", "_selected_action": ["1", "x"]}),
        ("/admin/catalogue/project/", {"action": "delete_selected", "_selected_action": ["x"]}),
    ]:
        assert client.post(path, data).status_code in (200, 302, 404), path

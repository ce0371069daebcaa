"""The admin for catalogue editors (a superuser here; roles come with the submission workflow)."""

import datetime
import warnings
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.paginator import UnorderedObjectListWarning

from catalogue.models import (
    CaseStudy,
    Category,
    Component,
    ComponentReuse,
    Institution,
    Project,
    Publication,
    ReuseYear,
    Technology,
)
from tests import factories
from tests.pagetext import admin_columns, admin_count, admin_rows, admin_title, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    nao = factories.institution(
        name="National Archiving Office", acronym="NAO", slug="nao", member_category="A",
        website="https://nao.example.org",
    )  # fmt: skip
    smals = factories.institution(name="Smals", acronym="SMALS", slug="smals", member_category="B")
    archiving = factories.category(
        name="Archiving", name_fr="Archivage", name_nl="Archivering", slug="archiving"
    )
    security = factories.category(
        name="Security", name_fr="Sécurité", name_nl="Beveiliging", slug="security"
    )
    archivingdb = factories.technology(name="ArchivingDB", slug="archivingdb")
    java = factories.technology(name="Java", slug="java")
    component = factories.component(
        name="Archiving-as-a-Service", slug="aaas", kind="service", owner=nao,
        short_description="Electronic archiving with legal value.", licence="EUPL-1.2",
        categories=[archiving], technologies=[archivingdb],
    )  # fmt: skip
    portal = factories.component(
        name="Portal", slug="portal", owner=smals, lifecycle="pilot", publication="draft",
        categories=[security], technologies=[java],
    )  # fmt: skip
    check = factories.project(
        name="Check report", slug="check-report", status="live", new_fp=100, clients=[smals]
    )
    factories.reuse(check, component, fp=50)
    migration = factories.project(
        name="Archiving migration", slug="archiving-migration", year=2021, new_fp=10,
        clients=[nao, smals],
    )  # fmt: skip
    factories.reuse(migration, portal, fp=5, relative_cost=Decimal("0.3"))
    factories.case_study(
        title="Archiving story", slug="archiving-story", institution=nao,
        date=datetime.date(2020, 5, 4), components=[component],
    )  # fmt: skip
    factories.case_study(
        title="Portal story", slug="portal-story", institution=smals, publication="draft"
    )
    factories.reuse_year(year=2020, unit_cost_eur=Decimal(1000))
    factories.reuse_year(year=2021, unit_cost_eur=Decimal(1200))
    return component


MANAGEMENT = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")

# For each model: the changelist's title, columns and rows (the "Updated" date left out), a
# search with the rows it finds, the add form's title and fields (inline management forms left
# out), and the change form of one entry with the values it shows.
ADMIN_PAGES = {
    "component": {
        "title": "Select component to change",
        "columns": ["Name", "Kind", "Owner", "Lifecycle", "Publication", "Updated",
                    "Missing translations", "Requests"],
        "rows": [
            ["Archiving-as-a-Service", "Service", "NAO", "In production", "Published"],
            ["Portal", "Software component", "SMALS", "Pilot", "Draft"],
        ],
        "count": "2 components",
        "search": ("legal value", [0]),  # the short description
        "add": ("Add component", [
            "language", "initial-language", "name_en", "name_fr", "name_nl", "slug", "kind",
            "publication", "review_note", "short_description_en", "short_description_fr",
            "short_description_nl", "long_description_en", "long_description_fr",
            "long_description_nl", "owner", "contributors", "categories", "technologies",
            "lifecycle", "licence", "reuse_conditions", "relative_cost", "website_url",
            "documentation_url", "source_code_url", "support_name", "support_email",
            "support_url", "depends_on", "related", "software_type", "platforms",
            "initial-platforms", "maintenance_type", "contractors", "initial-contractors",
            "external_dependencies", "initial-external_dependencies", "releases",
            "initial-releases", "available_languages", "initial-available_languages",
            "localisation_ready", "source",
        ]),
        "change": (lambda: Component.objects.get(slug="aaas"), {
            "name_en": "Archiving-as-a-Service", "slug": "aaas", "kind": ["service"],
            "publication": ["published"], "licence": "EUPL-1.2", "lifecycle": ["production"],
            "short_description_en": "Electronic archiving with legal value.",
            "language": ["en"],
            "owner": lambda: [str(Institution.objects.get(slug="nao").pk)],
            "categories": lambda: [str(Category.objects.get(slug="archiving").pk)],
            "technologies": lambda: [str(Technology.objects.get(slug="archivingdb").pk)],
        }),
    },
    "institution": {
        "title": "Select institution to change",
        "columns": ["Name", "Acronym", "Member category", "Components owned", "Website",
                    "Missing translations"],
        "rows": [
            ["National Archiving Office", "NAO", "Category A", "1", "https://nao.example.org",
             "French, Dutch"],
            ["Smals", "SMALS", "Category B", "1", "-", "French, Dutch"],
        ],
        "count": "2 institutions",
        "search": ("nao", [0]),  # the acronym
        "add": ("Add institution", [
            "language", "initial-language", "name_en", "name_fr", "name_nl", "acronym_en",
            "acronym_fr", "acronym_nl", "slug", "member_category", "description_en",
            "description_fr", "description_nl", "website", "contact_email",
        ]),
        "change": (lambda: Institution.objects.get(slug="nao"), {
            "name_en": "National Archiving Office", "acronym_en": "NAO", "slug": "nao",
            "member_category": ["A"], "website": "https://nao.example.org",
        }),
    },
    "project": {
        "title": "Select project to change",
        "columns": ["2 Name", "1 Year", "Status", "Clients",
                    "New functionality (function points)", "Reuses", "Missing translations"],
        "rows": [
            ["Archiving migration", "2021", "-", "NAO, SMALS", "10.00", "1", "French, Dutch"],
            ["Check report", "2020", "Live", "SMALS", "100.00", "1", "French, Dutch"],
        ],
        "count": "2 projects",
        "search": ("nao", [0]),  # a client's acronym
        "add": ("Add project", [
            "language", "initial-language", "name_en", "name_fr", "name_nl", "slug", "year",
            "clients", "status", "summary_en", "summary_fr", "summary_nl", "technologies",
            "website_url", "new_fp", "unit_cost_eur", "unnamed_reused_fp", "source",
        ]),
        "change": (lambda: Project.objects.get(slug="check-report"), {
            "name_en": "Check report", "slug": "check-report", "year": "2020", "status": ["live"],
            "new_fp": "100.00", "clients": lambda: [str(Institution.objects.get(slug="smals").pk)],
            "reuses-TOTAL_FORMS": "1", "reuses-0-fp": "50.00",
            "reuses-0-component": lambda: [str(Component.objects.get(slug="aaas").pk)],
        }),
    },
    "casestudy": {
        "title": "Select case study to change",
        "columns": ["2 Title", "Institution", "1 Date", "Publication", "Missing translations"],
        "rows": [
            ["Archiving story", "NAO", "May 4, 2020", "Published", "French, Dutch"],
            ["Portal story", "SMALS", "-", "Draft", "French, Dutch"],
        ],
        "count": "2 case studies",
        "search": ("archiving", [0]),
        "add": ("Add case study", [
            "language", "initial-language", "title_en", "title_fr", "title_nl", "slug",
            "publication", "review_note", "date", "institution", "project", "components",
            "summary_en", "summary_fr", "summary_nl", "body_en", "body_fr", "body_nl",
            "benefits_en", "benefits_fr", "benefits_nl", "days_to_production", "source",
        ]),
        "change": (lambda: CaseStudy.objects.get(slug="archiving-story"), {
            "title_en": "Archiving story", "slug": "archiving-story", "date": "2020-05-04",
            "publication": ["published"],
            "institution": lambda: [str(Institution.objects.get(slug="nao").pk)],
            "components": lambda: [str(Component.objects.get(slug="aaas").pk)],
        }),
    },
    "category": {
        "title": "Select category to change",
        "columns": ["Name [en]", "Name [fr]", "Name [nl]", "Slug", "Components"],
        "rows": [
            ["Archiving", "Archivage", "Archivering", "archiving", "1"],
            ["Security", "Sécurité", "Beveiliging", "security", "1"],
        ],
        "count": "2 categories",
        "search": ("beveiliging", [1]),  # the Dutch name
        "add": ("Add category", [
            "slug", "name_en", "name_fr", "name_nl", "description_en", "description_fr",
            "description_nl",
        ]),
        "change": (lambda: Category.objects.get(slug="security"), {
            "name_en": "Security", "name_fr": "Sécurité", "name_nl": "Beveiliging",
            "slug": "security",
        }),
    },
    "technology": {
        "title": "Select technology to change",
        "columns": ["Name", "Slug", "Components"],
        "rows": [["ArchivingDB", "archivingdb", "1"], ["Java", "java", "1"]],
        "count": "2 technologies",
        "search": ("java", [1]),
        "add": ("Add technology", ["name", "slug"]),
        "change": (lambda: Technology.objects.get(slug="java"), {"name": "Java", "slug": "java"}),
    },
    "componentreuse": {
        "title": "Select component reuse to change",
        "columns": ["2 Component", "1 Project", "Function points supplied",
                    "Relative cost of reuse", "Inferred"],
        "rows": [  # the "inferred" cell is an icon (no text)
            ["Portal", "Archiving migration (2021)", "5.00", "0.300", ""],
            ["Archiving-as-a-Service", "Check report (2020)", "50.00", "-", ""],
        ],
        "count": "2 component reuses",
        "search": ("check report", [1]),  # the project's name
        "add": ("Add component reuse",
                ["project", "component", "fp", "relative_cost", "inferred", "note"]),
        "change": (lambda: ComponentReuse.objects.get(component__slug="portal"), {
            "fp": "5.00", "relative_cost": "0.300",
            "component": lambda: [str(Component.objects.get(slug="portal").pk)],
            "project": lambda: [str(Project.objects.get(slug="archiving-migration").pk)],
        }),
    },
    "reuseyear": {
        "title": "Select measured year to change",
        "columns": ["Year", "Publication", "Unit cost (EUR per function point)",
                    "Relative cost of reuse (RCR)", "Relative cost of writing for reuse (RCWR)",
                    "Per-project figures are illustrative"],
        "rows": [["2021", "Published", "1200.00", "0.200", "1.500", ""],
                 ["2020", "Published", "1000.00", "0.200", "1.500", ""]],
        "count": "2 measured years",
        "search": ("2020", [0, 1]),  # no search fields: the query is ignored
        "add": ("Add measured year", [
            "year", "unit_cost_eur", "rcr", "rcwr", "illustrative", "published_projects",
            "published_reuse_share", "published_roi", "published_savings_eur", "published_source",
        ]),
        "change": (lambda: ReuseYear.objects.get(year=2021), {
            "year": "2021", "unit_cost_eur": "1200.00", "rcr": "0.200", "rcwr": "1.500",
            "illustrative": False, "build_items-TOTAL_FORMS": "0",
        }),
    },
}  # fmt: skip


def _html(admin_client, url, **params):
    response = admin_client.get(url, params)
    assert response.status_code == HTTPStatus.OK, (url, params, response.status_code)
    return response.content.decode()


def _rows(html, model):
    # The component list's last column is the time of the last update.
    return [row[:5] for row in admin_rows(html)] if model == "component" else admin_rows(html)


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_changelist_shows_every_entry_in_its_columns(admin_client, entry, model):
    expected = ADMIN_PAGES[model]
    html = _html(admin_client, f"/admin/catalogue/{model}/")
    assert admin_title(html) == expected["title"]
    assert admin_columns(html) == expected["columns"]
    assert _rows(html, model) == expected["rows"]
    assert admin_count(html) == expected["count"]


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_changelist_search_finds_the_matching_entries_only(admin_client, entry, model):
    expected = ADMIN_PAGES[model]
    query, found = expected["search"]
    html = _html(admin_client, f"/admin/catalogue/{model}/", q=query)
    assert _rows(html, model) == [expected["rows"][index] for index in found]


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_add_form_offers_the_models_fields_empty(admin_client, entry, model):
    title, fields = ADMIN_PAGES[model]["add"]
    html = _html(admin_client, f"/admin/catalogue/{model}/add/")
    assert admin_title(html) == title
    values = form_values(html)
    values.pop("csrfmiddlewaretoken")
    shown = [name for name in values if not name.endswith(MANAGEMENT)]
    assert shown == fields
    for name in shown:  # nothing is filled in but the model's defaults
        # ("[]", "{}", "unknown": empty publiccode.yml facts, issue 11)
        assert values[name] in (
            "",
            [],
            [""],
            False,
            ["draft"],
            "0.2",
            "1.5",
            ["en"],
            "en",
            "[]",
            "{}",
            ["unknown"],
        ), (
            name,
            values[name],
        )


def _resolve(value):
    return value() if callable(value) else value


@pytest.mark.parametrize("model", ADMIN_PAGES)
def test_change_form_shows_the_entrys_values(admin_client, entry, model):
    get_object, expected = ADMIN_PAGES[model]["change"]
    obj = get_object()
    html = _html(admin_client, f"/admin/catalogue/{model}/{obj.pk}/change/")
    assert admin_title(html) == f"Change {obj._meta.verbose_name}"
    values = form_values(html)
    assert {name: values.get(name) for name in expected} == {
        name: _resolve(value) for name, value in expected.items()
    }


def test_component_change_page_and_filters(admin_client, entry):
    html = _html(admin_client, f"/admin/catalogue/component/{entry.pk}/change/")
    values = form_values(html)
    project = Project.objects.get(slug="check-report")
    assert values["name_en"] == "Archiving-as-a-Service"
    assert values["reuses-0-project"] == [str(project.pk)]  # the reuses inline
    assert "selected>Check report (2020)</option>" in html
    html = _html(admin_client, "/admin/catalogue/component/", publication__exact="draft")
    assert [row[0] for row in admin_rows(html)] == ["Portal"]
    html = _html(admin_client, "/admin/catalogue/component/", kind__exact="service")
    assert [row[0] for row in admin_rows(html)] == ["Archiving-as-a-Service"]


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


def test_project_autocomplete_lists_projects_newest_year_first_then_by_name(admin_client, entry):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = admin_client.get(
            "/admin/autocomplete/",
            {"app_label": "catalogue", "model_name": "casestudy", "field_name": "project"},
        )
    assert response.status_code == HTTPStatus.OK
    assert [row["text"] for row in response.json()["results"]] == [
        "Archiving migration (2021)",
        "Check report (2020)",
    ]

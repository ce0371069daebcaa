"""Issue 13, item 3: a second measured year (2021, synthetic, built here: never in the demo)
recorded through the admin and by a projects CSV, previewed, published; the trend then shows two
years, the 2020 figures unchanged; a submitter's crafted requests cannot publish or change it."""

import csv
import io
import re
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.models import PendingChange, Project, Publication, ReuseYear
from catalogue.savings import recording, tables
from tests import factories
from tests.admin_forms import get_form, make_user

pytestmark = pytest.mark.django_db
YEARS = "/admin/catalogue/reuseyear"

# The projects CSV header, read from the dashboard's own definition.
HEADER = ",".join(recording.CSV_COLUMNS)


def _csv_file(*rows, name="2021.csv"):
    return SimpleUploadedFile(name, "\n".join([HEADER, *rows]).encode(), "text/csv")


def _import(client, upload, year=2021):
    return client.post(
        f"{YEARS}/import-csv/",
        {"year": str(year), "unit_cost_eur": "1000", "rcr": "0.2", "rcwr": "1.5", "file": upload},
    )


def _errors(response):
    html = response.content.decode()
    return re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', html, re.S)


def _trend_years(client):
    return [row["year"] for row in client.get("/roi/trend.json").json()["rows"]]


@pytest.fixture
def people(demo):
    ehealth = factories.institution(slug="ehealth-2021", name="eHealth 2021", acronym="EH21")
    return {
        "editor": make_user("editor-2021", editor=True),
        "submitter": make_user("submitter-2021", institutions=[ehealth]),
        "component": factories.component(name="Login of 2021", owner=ehealth),
    }


def test_the_export_columns_are_read_from_the_dashboards_table():
    assert (
        *(column.key for column in tables.PROJECTS.columns),
        "figures",
    ) == recording.CSV_COLUMNS


def _record_2021(client, people):
    """2021 through the admin: the year with a programme cost, one project with a reuse row."""
    client.force_login(people["editor"])
    data = get_form(
        client,
        f"{YEARS}/add/",
        year="2021",
        unit_cost_eur="1000",
        rcr="0.2",
        rcwr="1.5",
        **{
            "programme_costs-TOTAL_FORMS": "1",
            "programme_costs-0-label": "Competence centre",
            "programme_costs-0-amount_eur": "100000",
        },
    )
    response = client.post(f"{YEARS}/add/", data)
    assert response.status_code == HTTPStatus.FOUND, _errors(response)
    reuse_year = ReuseYear.objects.get(year=2021)
    assert reuse_year.publication == Publication.DRAFT
    assert reuse_year.history.count() == 1

    page = client.get(f"{YEARS}/{reuse_year.pk}/change/").content.decode()
    assert "/admin/catalogue/project/add/?year=2021" in page
    data = get_form(
        client,
        "/admin/catalogue/project/add/?year=2021",
        name_en="Portal 2021",
        slug="portal-2021",
        new_fp="1000",
        **{
            "reuses-TOTAL_FORMS": "1",
            "reuses-0-component": str(people["component"].pk),
            "reuses-0-fp": "300",
        },
    )
    assert data["year"] == "2021"  # the link fills in the year
    response = client.post("/admin/catalogue/project/add/", data)
    assert response.status_code == HTTPStatus.FOUND, _errors(response)
    return reuse_year


def test_a_second_year_recorded_imported_previewed_and_published(client, people):
    published_2020 = client.get("/api/roi/2020/").json()
    reuse_year = _record_2021(client, people)
    # A draft: neither the dashboard nor the API shows it.
    assert _trend_years(client) == [2020]
    assert client.get("/api/roi/2021/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/roi/", {"year": "2021"}).status_code == HTTPStatus.NOT_FOUND

    # Two more projects by CSV: one with its computed columns (checked), one without.
    response = _import(
        client,
        _csv_file(
            "Registry 2021,500,100,0.2,500000,420000,80000,measured",
            "Archive 2021,500,0,,,,,measured",
            "TOTAL,1000,100,0.1,1000000,920000,80000,measured",
        ),
    )
    assert response.status_code == HTTPStatus.FOUND, _errors(response)
    assert response["Location"] == f"{YEARS}/{reuse_year.pk}/preview/"
    assert Project.objects.filter(year=2021).count() == 3
    assert Project.objects.get(name="Registry 2021").unnamed_reused_fp == Decimal(100)

    # The preview: the figures the model computes, before anything is public.
    page = client.get(f"{YEARS}/{reuse_year.pk}/preview/").content.decode()
    assert "Draft: these are the figures publishing will show." in page
    assert (
        'data-figure="reuse_share">\n      <th scope="row">Reuse share</th>\n      <td class="now">20 %'
        in page
    )
    assert '<td class="now">EUR 320,000</td>' in page  # 240,000 + 80,000 avoided
    assert '<td class="now">220 %</td>' in page  # (320,000 - 100,000) / 100,000
    assert _trend_years(client) == [2020]

    version = re.search(r'name="based_on_version" value="(\d+)"', page).group(1)
    response = client.post(f"{YEARS}/{reuse_year.pk}/preview/", {"based_on_version": version})
    assert response.status_code == HTTPStatus.FOUND
    reuse_year.refresh_from_db()
    assert reuse_year.is_published
    assert reuse_year.history.first().history_user == people["editor"]

    assert _trend_years(client) == [2020, 2021]
    html = client.get("/roi/").content.decode()
    assert 'id="trend-table"' in html
    year_2021 = client.get("/api/roi/2021/").json()
    assert year_2021["reuse_share"] == 0.2 and year_2021["cost_avoided_eur"] == 320_000
    # 2020 as published, everywhere.
    assert client.get("/api/roi/2020/").json() == published_2020
    assert round(published_2020["reuse_share"], 2) == 0.64
    assert round(published_2020["roi"], 2) == 0.46
    assert published_2020["cost_avoided_eur"] == 13_130_400
    assert published_2020["project_count"] == 27


def test_publishing_needs_the_previewed_version(client, people):
    reuse_year = _record_2021(client, people)
    response = client.post(f"{YEARS}/{reuse_year.pk}/preview/", {"based_on_version": "0"})
    assert response.status_code == HTTPStatus.FOUND
    assert not ReuseYear.objects.get(year=2021).is_published
    response = client.post(f"{YEARS}/{reuse_year.pk}/preview/", {})
    assert not ReuseYear.objects.get(year=2021).is_published


def test_a_bad_csv_gets_an_error_per_row_and_column_and_writes_nothing(client, people):
    client.force_login(people["editor"])
    response = _import(
        client,
        _csv_file(
            "Good 2021,500,100,0.2,,,,measured",
            "Bad number,abc,10,,,,,measured",
            ",100,10,,,,,",
            "Wrong share,500,100,0.5,,,,measured",
            "Too much reuse,100,200,,,,,",
            "Odd label,100,10,,,,,maybe",
        ),
    )
    assert response.status_code == HTTPStatus.OK
    problems = [str(problem) for problem in response.context["problems"]]
    assert problems == [
        "line 3, column “new_fp”: “abc” is not a number.",
        "line 4, column “project”: Name the project.",
        "line 5, column “reuse_share”: 0.5 differs from 0.2000, computed from new_fp, reused_fp "
        "and the year's parameters (the CSV carries no per-component relative cost: record "
        "such projects in the admin, or leave this cell empty).",
        "line 6, column “reused_fp”: More function points reused than the project's new "
        "functionality.",
        "line 7, column “figures”: Write “measured” or “illustrative” (or nothing).",
    ]
    assert "Nothing was written" in response.content.decode()
    assert not ReuseYear.objects.filter(year=2021).exists()
    assert not Project.objects.filter(year=2021).exists()


def test_a_csv_with_other_columns_is_refused(client, people):
    client.force_login(people["editor"])
    upload = SimpleUploadedFile("x.csv", b"project,new_fp,savings\nA,1,2\n", "text/csv")
    problems = [str(problem) for problem in _import(client, upload).context["problems"]]
    assert "line 1, column “reused_fp”: This column is missing." in problems
    assert "line 1, column “savings”: This column is not one of the export's." in problems
    assert not ReuseYear.objects.filter(year=2021).exists()


def test_a_published_year_cannot_be_imported_over(client, people):
    client.force_login(people["editor"])
    response = _import(client, _csv_file("Other,10,1,,,,,"), year=2020)
    assert response.status_code == HTTPStatus.OK
    assert [str(p) for p in response.context["problems"]] == [
        "2020 is published: its figures change only through reviewed edits in the admin, not "
        "by an import."
    ]
    assert not Project.objects.filter(name="Other").exists()


def test_the_dashboards_export_imports_back(client, people):
    """A year's projects CSV, as downloaded, is a valid import (a round trip of one year)."""
    factories.reuse_year(year=2019, unit_cost_eur=Decimal(1000))
    factories.project(year=2019, name="Old", new_fp=Decimal(400), unnamed_reused_fp=Decimal(100))
    exported = client.get("/roi/2019/table/projects.csv").content
    client.force_login(people["editor"])
    response = _import(client, SimpleUploadedFile("2019.csv", exported, "text/csv"), year=2022)
    assert response.status_code == HTTPStatus.FOUND, response.context and [
        str(p) for p in response.context["problems"]
    ]
    assert Project.objects.get(year=2022).new_fp == Decimal(400)
    assert next(iter(csv.reader(io.StringIO(exported.decode())))) == list(recording.CSV_COLUMNS)


def test_a_change_to_a_published_year_waits_for_review(client, people):
    reuse_year = ReuseYear.objects.get(year=2020)
    before = client.get("/api/roi/2020/").json()
    client.force_login(people["editor"])
    data = get_form(client, f"{YEARS}/{reuse_year.pk}/change/", unit_cost_eur="2000")
    response = client.post(f"{YEARS}/{reuse_year.pk}/change/", data)
    assert response.status_code == HTTPStatus.FOUND
    reuse_year.refresh_from_db()
    assert reuse_year.unit_cost_eur != Decimal(2000)
    assert client.get("/api/roi/2020/").json() == before
    pending = PendingChange.objects.get()
    assert pending.data == {"unit_cost_eur": "2000.00"}

    # The preview shows the figures with the change, and the difference.
    page = client.get(f"{YEARS}/{reuse_year.pk}/preview/").content.decode()
    assert "With the waiting changes" in page
    assert "Published now" in page
    # The pending change's page shows its effect on the year.
    page = client.get(f"/admin/catalogue/pendingchange/{pending.pk}/change/").content.decode()
    assert "64 % → 64 %" in page

    client.post(
        f"/admin/catalogue/pendingchange/{pending.pk}/change/",
        {"_approve": "1", "status": "submitted"},
    )
    reuse_year.refresh_from_db()
    assert reuse_year.unit_cost_eur == Decimal(2000)
    assert client.get("/api/roi/2020/").json()["cost_avoided_eur"] > before["cost_avoided_eur"]
    assert reuse_year.history.first().unit_cost_eur == Decimal(2000)


def test_a_submitters_crafted_requests_cannot_publish_or_change_a_year(client, people):
    reuse_year = _record_2021(client, people)
    published = ReuseYear.objects.get(year=2020)
    client.force_login(people["submitter"])
    forbidden = [
        client.post(f"{YEARS}/{reuse_year.pk}/preview/", {"based_on_version": "1"}),
        client.get(f"{YEARS}/{reuse_year.pk}/preview/"),
        client.post(
            f"{YEARS}/{published.pk}/change/",
            {"year": "2020", "unit_cost_eur": "1", "rcr": "0.2", "rcwr": "1.5"},
        ),
        client.post(f"{YEARS}/", {"action": "unpublish_years", "_selected_action": [published.pk]}),
        _import(client, _csv_file("Sneaky,10,1,,,,,"), year=2023),
    ]
    assert [response.status_code for response in forbidden] == [HTTPStatus.FORBIDDEN] * 5
    assert not ReuseYear.objects.get(year=2021).is_published
    published.refresh_from_db()
    assert published.is_published and published.unit_cost_eur != Decimal(1)
    assert not ReuseYear.objects.filter(year=2023).exists()
    assert not PendingChange.objects.exists()

"""Management commands: roi_report and load_demo."""

import csv
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_roi_report_json(demo):
    data = json.loads(run("roi_report", "--year", "2020", "--format", "json"))
    assert data["project_count"] == 27
    assert round(data["reuse_share"], 2) == 0.64
    assert round(data["roi"], 2) == 0.46
    assert data["cost_avoided_eur"] > 13_000_000


def test_roi_report_text(demo):
    text = run("roi_report", "--year", "2020")
    assert re.search(r"Reuse share +64 %", text)
    assert re.search(r"Return on investment +46 %", text)
    assert re.search(r"Cost avoided +EUR 13,130,400", text)
    assert re.search(r"TOTAL +25,660 +16,413 +64 %", text)  # the projects table's total row


def test_roi_report_csv(demo):
    rows = list(csv.DictReader(io.StringIO(run("roi_report", "--year", "2020", "--format", "csv"))))
    assert len(rows) == 28  # 27 projects and the total
    assert rows[-1]["project"] == "TOTAL" and rows[-1]["cost_avoided_eur"] == "13130400"
    assert {row["figures"] for row in rows} == {"illustrative"}


def test_roi_report_csv_is_the_dashboard_download(client, demo):
    """One table definition: the command's CSV and the dashboard's are the same document."""
    command = run("roi_report", "--year", "2020", "--format", "csv")
    download = client.get("/roi/2020/table/projects.csv").content.decode()
    assert list(csv.reader(io.StringIO(command))) == list(csv.reader(io.StringIO(download)))


def test_roi_report_unknown_year(demo):
    with pytest.raises(CommandError, match="Measured years: 2020"):
        run("roi_report", "--year", "1999")


def test_load_demo_reports_what_it_loaded(db):
    assert "90 components, 62 projects (27 measured)" in run("load_demo")

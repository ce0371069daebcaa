"""Management commands: roi_report and load_demo."""

import csv
import io
import json

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
    assert "reuse share              64 %" in text
    assert "ROI                      46 %" in text
    assert "EUR 13,130,400" in text


def test_roi_report_csv(demo):
    rows = list(csv.reader(io.StringIO(run("roi_report", "--year", "2020", "--format", "csv"))))
    assert rows[0][0] == "project" and len(rows) == 29
    assert rows[-1][0] == "TOTAL" and rows[-1][-1] == "13130400"


def test_roi_report_unknown_year(demo):
    with pytest.raises(CommandError, match="Measured years: 2020"):
        run("roi_report", "--year", "1999")


def test_load_demo_reports_what_it_loaded(db):
    assert "100 components, 62 projects (27 measured)" in run("load_demo")

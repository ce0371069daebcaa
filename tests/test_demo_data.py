"""The demo catalogue says what the 2020 report says, no more; the 2020 figures reproduce.

The fixtures are checked against the report itself (``$REUSE_SHARED_DIR/seed``): every reuse
condition and every reuse link carries the report's own words, and those words are in it.
"""

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db.models import Q

from catalogue.demo import DEMO_DIR, DemoDataError, load_demo
from catalogue.models import CaseStudy, Category, Component, ComponentReuse, Institution, Project
from catalogue.savings import roi
from catalogue.savings.measurement import COMPONENTS_NOT_NAMED, year_measurement

pytestmark = pytest.mark.django_db

SHARED = Path(os.environ.get("REUSE_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
REPORT = SHARED / "seed" / "000_8c92902d62a874ff.txt"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def report_text():
    if not REPORT.exists():
        pytest.skip(f"the report is not at {REPORT}")
    return _squeeze(REPORT.read_text(encoding="utf-8"))


def _fixture(name):
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


def _component_rows():
    return [
        row for path in sorted(DEMO_DIR.glob("components_*.yaml")) for row in _fixture(path.name)
    ]


# Words the report uses for each component a project reuses (its technology lists spell them
# in several ways). A stated link's quote must contain one of them.
NAMES_IN_THE_REPORT = {
    "api-gateway": ["API Gateway"],
    "belrai-platform": ["composants BelRAI"],
    "camunda-bpmn": ["Camunda"],
    "csam": ["CSAM"],
    "ebox-enterprise": ["eBox"],
    "ehealth-basic-services": ["Services de base eHealth"],
    "elasticms": ["Elasticms"],
    "evaluation-forms": ["Evaluation Form", "EvaluationForms"],
    "event-bus": ["Event bus"],
    "keycloak": ["Keycloak"],
    "masante-portal": ["masante.belgique.be"],
    "onss-work-environment": ["Environnement de travail"],
    "orejime": ["Orejime"],
    "paas-greenshift": ["Greenshift", "Green-shift"],
    "bosa-intelligent-web-form": ["BOSA Intelligent Web Form"],
    "sharepoint-competence": ["centre de compétences SharePoint"],
    "web-service-cobol": ["Web Service Cobol"],
}

# Projects or end-user applications of 2020 that are projects, not catalogue entries.
PROJECTS_NOT_COMPONENTS = [
    "vidis", "orgadon", "ctpc", "passenger-locator-form", "script-and-forms",
    "contact-tracing-platform", "coronalert", "mydia", "cadastre-des-enquetes",
    "inspection-knowledge-management", "safeonweb-app", "eloket-1722", "poverty-barometer",
    "acsy", "electronic-signature-workflow", "belrai-mobile-screener",
]  # fmt: skip


# -- the fixtures against the report ----------------------------------------------------------


def test_reuse_conditions_only_with_the_reports_words(report_text):
    stated = {}
    for row in _component_rows():
        if not row.get("reuse"):
            assert not row.get("reuse_basis"), row["slug"]
            continue
        assert row["reuse_basis"], row["slug"]
        for quote in row["reuse_basis"]:
            assert _squeeze(quote) in report_text, (row["slug"], quote)
        stated[row["slug"]] = row["reuse"]
    # Open source where the report says "open source"; a web address is not a licence.
    assert {slug for slug, value in stated.items() if value == "open-source"} == {
        "camunda-bpmn", "elasticms", "keycloak", "orejime",
    }  # fmt: skip
    assert len(stated) < 15  # the report states conditions for few entries


def test_reuse_links_quote_the_report(report_text):
    links = 0
    for project in _fixture("projects.yaml"):
        for link in project.get("reuses", []):
            links += 1
            where = (project["slug"], link["component"])
            assert _squeeze(link["quote"]) in report_text, where
            assert link.get("in", "technologies") in {"technologies", "text"}, where
            if link.get("inferred"):
                assert link.get("why"), where
                continue
            names = NAMES_IN_THE_REPORT[link["component"]]
            assert any(name.lower() in link["quote"].lower() for name in names), where
    assert links >= 30


def test_project_summaries_come_from_the_report(report_text):
    rows = _fixture("projects.yaml")
    assert len(rows) == 62
    for row in rows:
        assert row.get("summary"), row["slug"]
        assert row.get("section"), row["slug"]
        # The heading (or the table title) the summary was written from is in the report.
        assert _squeeze(row["section"]) in report_text, row["slug"]
        if row.get("website"):
            address = row["website"].split("://", 1)[1].rstrip("/")
            assert address.lower() in report_text.lower(), row["slug"]


def test_case_studies_keep_to_the_report(report_text):
    for row in _fixture("case_studies.yaml"):
        for quote in re.findall(r"« ([^»]+) »", row["source"]):
            assert _squeeze(quote) in report_text, (row["slug"], quote)
    check = next(
        row for row in _fixture("case_studies.yaml") if row["slug"] == "check-report-paiements"
    )
    # The report states an aim ("puissent trouver"), not a result, and "less than a week".
    assert "ont ainsi trouvé" not in check["body"]
    assert check.get("days_to_production") is None


# -- the translations ---------------------------------------------------------------------------

TRANSLATED = {
    "components_*.yaml": ["name", "short", "long"],
    "projects.yaml": ["name", "summary"],
    "case_studies.yaml": ["title", "summary", "body", "benefits"],
}
# Institutions whose name has no official Dutch or English form: shown as the report gives it.
NO_OFFICIAL_TRANSLATION = {"aviq"}


def _numbers(text: str) -> list[str]:
    """The figures of a text, written the same in every language ("600 000", "600.000" and
    "600,000"; "99,9" and "99.9")."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f.,](?=\d{3}\b)", "", text)
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)
    return sorted(re.findall(r"\d+", text))


def test_every_text_is_translated_with_the_same_figures():
    for pattern, keys in TRANSLATED.items():
        for path in sorted(DEMO_DIR.glob(pattern)):
            for row in _fixture(path.name):
                assert row["language"] == "fr", row["slug"]
                for key in keys:
                    for code in ("nl", "en"):
                        translated = row.get(f"{key}_{code}")
                        assert translated and translated.strip(), (row["slug"], key, code)
                        # Same facts: no figure added, dropped or changed.
                        assert _numbers(translated) == _numbers(row[key]), (row["slug"], key, code)
    for row in _fixture("institutions.yaml"):
        assert row["language"] == "fr", row["slug"]
        if row["slug"] not in NO_OFFICIAL_TRANSLATION:
            assert row["name_nl"] and row["name_en"], row["slug"]
    onss = next(row for row in _fixture("institutions.yaml") if row["slug"] == "onss")
    assert (onss["acronym_nl"], onss["acronym_en"]) == ("RSZ", "NSSO")


def _columns(model, names):
    present = set()
    for name in names:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        present.add(name)
    return present


# -- the loaded catalogue -----------------------------------------------------------------------


def test_catalogue_size(demo):
    published = Component.objects.published()
    assert published.count() == 90
    contributing = Institution.objects.filter(
        Q(owned_components__in=published) | Q(contributed_components__in=published)
    ).distinct()
    assert contributing.count() >= 13
    assert Project.objects.filter(year=2020).count() == 62
    assert not Project.objects.filter(year=2020, summary="").exists()
    assert Project.objects.exclude(website_url="").count() == 18
    assert not Component.objects.filter(slug__in=PROJECTS_NOT_COMPONENTS).exists()
    assert Component.objects.get(slug="rest-style-guide").reuse_conditions == ""
    for slug in [
        "mybenefits",
        "student-at-work",
        "self-service-mandates",
        "ehealth-basic-services",
    ]:
        assert Component.objects.get(slug=slug).reuse_conditions == "", slug


def test_components_named_by_the_report_are_there(demo):
    names = set(Component.objects.values_list("slug", flat=True))
    for slug in [
        "api-gateway", "archiving-as-a-service", "ebox-enterprise", "elasticms", "keycloak",
        "camunda-bpmn", "systeme-flux", "user-access-management", "evaluation-forms", "orejime",
        "matomo", "status-pages", "print-manager", "ehealth-basic-services", "paas-greenshift",
    ]:  # fmt: skip
        assert slug in names, slug


def test_every_component_is_complete(demo):
    for component in Component.objects.published().prefetch_related("categories"):
        assert component.short_description and len(component.short_description) <= 200
        assert component.owner_id and component.kind and component.lifecycle
        assert component.categories.exists(), component.slug
        assert component.source.startswith("Rapport d'activité 2020"), component.slug
    assert not Component.objects.exclude(licence="").exists()
    assert not Component.objects.exclude(support_email="").exists()
    assert not Component.objects.exclude(documentation_url="").exists()
    # Claims the report does not make are gone.
    forms = Component.objects.get(slug="evaluation-forms")
    assert not forms.technologies.exists()
    assert "moins d'une semaine" not in forms.long_description  # a role the report never gives
    assert "Beliris" not in Component.objects.get(slug="sharepoint-competence").long_description


def test_reuse_links_are_stated_or_marked_inferred(demo):
    removed = [
        ("ctpc", "ehealth-basic-services"), ("passenger-locator-form", "evaluation-forms"),
        ("9-chantiers-mydia", "mobile-authentication"),
        ("contact-center-script-forms", "paas-greenshift"),
        ("ehealthbox-high-capacity", "iaas-storage-as-a-service"),
    ]  # fmt: skip
    for project, component in removed:
        assert not ComponentReuse.objects.filter(
            project__slug=project, component__slug=component
        ).exists()
    # Generic technology words ("Oracle", "Services web") name no catalogue component.
    assert not ComponentReuse.objects.filter(
        component__slug__in=["database-services", "soa-services"]
    ).exists()
    for reuse in ComponentReuse.objects.all():
        assert reuse.note.startswith(("Report, ", "Inferred: ")), reuse
        assert reuse.inferred == reuse.note.startswith("Inferred: "), reuse
        if reuse.inferred:
            assert reuse.fp is None, reuse
    assert ComponentReuse.objects.filter(inferred=True).count() == 3
    check = Project.objects.get(slug="check-report-de-paiement")
    assert set(check.components.values_list("slug", flat=True)) == {
        "evaluation-forms",
        "ebox-enterprise",
    }
    assert check.status == "live"
    assert list(check.clients.values_list("slug", flat=True)) == ["onss"]


def test_case_studies_of_the_report(demo):
    titles = " ".join(CaseStudy.objects.published().values_list("title", flat=True))
    for word in ["AaaS", "MyDIA", "Check report paiements", "Corona Status", "BelRAI Vlaanderen",
                 "eHealthBox High Capacity", "Contact Tracing"]:  # fmt: skip
        assert word in titles


# -- the 2020 measurement -----------------------------------------------------------------------


def test_2020_measurement_reproduces_the_published_figures(demo):
    measurement = year_measurement(2020)
    result = measurement.result
    assert len(result.projects) == 27
    assert round(float(result.reuse_share), 2) == 0.64
    assert round(float(result.roi), 2) == 0.46
    assert roi.whole_euros(result.cost_avoided_eur) == 13_130_400
    assert roi.whole_euros(result.investment_eur) == 9_000_000
    assert measurement.year.illustrative


def test_reuse_of_unnamed_components_stays_on_its_project(demo):
    measurement = year_measurement(2020)
    unnamed = Project.objects.filter(unnamed_reused_fp__isnull=False)
    # Projects for which the report names no reused component keep their reuse unnamed.
    assert set(unnamed.values_list("slug", flat=True)) == {
        "adaptations-dmfa", "mesures-travail-des-etudiants", "impact-crise-marche-du-travail",
        "ctpc", "passenger-locator-form", "vidis", "emsr-ambureg-webservice", "9-chantiers-mydia",
    }  # fmt: skip
    for project in unnamed:
        assert not project.reuses.filter(inferred=False).exists(), project
    lines = {line.key: line for line in measurement.by_component}
    assert None not in lines  # every published component is named; none is hidden
    assert lines[COMPONENTS_NOT_NAMED].fp == sum(p.unnamed_reused_fp for p in unnamed)
    assert sum(line.cost_avoided_eur for line in lines.values()) == (
        measurement.result.cost_avoided_eur
    )


def test_2020_figures_through_the_command_the_api_and_the_dashboard(client, demo):
    out = io.StringIO()
    call_command("roi_report", "--year", "2020", stdout=out)
    assert re.search(r"Cost avoided +EUR 13,130,400", out.getvalue())
    assert re.search(r"Return on investment +46 %", out.getvalue())

    data = client.get("/api/roi/2020/").json()
    assert data["project_count"] == 27 and data["cost_avoided_eur"] == 13_130_400
    assert round(data["reuse_share"], 2) == 0.64 and round(data["roi"], 2) == 0.46
    assert all(project["illustrative"] for project in data["projects"])
    assert all(line["illustrative"] for line in data["by_component"])
    unnamed = [line for line in data["by_component"] if line["components_not_named"]]
    assert len(unnamed) == 1
    assert unnamed[0]["component"] is None and unnamed[0]["name"] == "Components not named"

    html = client.get("/roi/", {"year": 2020}).content.decode()
    assert "EUR 13,130,400" in html and "Components not named" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/roi/2020/table/components.csv").text)))
    assert "Components not named" in {row["component"] for row in rows}


def test_api_labels_per_project_figures_illustrative(client, demo):
    check = client.get("/api/projects/check-report-de-paiement/").json()
    assert check["new_fp"] == 420 and check["illustrative"] is True
    assert check["unnamed_reused_fp"] is None
    assert {reuse["fp"] for reuse in check["reuses"]} == {147}
    assert all(reuse["illustrative"] and not reuse["inferred"] for reuse in check["reuses"])
    assert all(reuse["note"].startswith("Report, technology list") for reuse in check["reuses"])

    vidis = client.get("/api/projects/vidis/").json()
    assert vidis["unnamed_reused_fp"] == 1036 and vidis["illustrative"] is True
    [portal] = vidis["reuses"]
    assert portal["inferred"] is True and portal["fp"] is None and not portal["illustrative"]

    unmeasured = client.get("/api/projects/coronalert/").json()
    assert unmeasured["new_fp"] is None and unmeasured["illustrative"] is False

    forms = client.get("/api/components/evaluation-forms/").json()
    assert forms["reused_by"] and all(reuse["illustrative"] for reuse in forms["reused_by"])

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    components = json.loads(schema.content)["components"]["schemas"]
    for name in ["ProjectDetail", "ReuseOfComponent", "ReuseByProject", "YearProjectFiguresOutput"]:
        assert "illustrative" in components[name]["properties"], name
    assert "inferred" in components["ReuseOfComponent"]["properties"]


def test_pages_show_inferred_links_and_unnamed_reuse(client, demo):
    vidis = client.get("/projects/vidis/").content.decode()
    assert "Components not named" in vidis and "inferred" in vidis
    status = client.get("/components/status-pages/").content.decode()
    assert "inferred" in status
    check = client.get("/projects/check-report-de-paiement/").content.decode()
    assert "inferred" not in check and "Components not named" not in check


# -- the loader ---------------------------------------------------------------------------------


def _copy_fixtures(tmp_path):
    directory = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, directory)
    return directory


def _rewrite(directory, name, change):
    path = directory / name
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(rows)
    path.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")


def test_loader_refuses_unsupported_claims(db, tmp_path):
    directory = _copy_fixtures(tmp_path)

    def condition_without_basis(rows):
        rows[0]["reuse"] = "public-sector"
        rows[0].pop("reuse_basis", None)

    _rewrite(directory, "components_domain.yaml", condition_without_basis)
    with pytest.raises(DemoDataError, match="reuse conditions without basis"):
        load_demo(directory)

    directory = _copy_fixtures(tmp_path / "again")

    def link_without_quote(rows):
        rows[0]["reuses"] = [{"component": "keycloak"}]

    _rewrite(directory, "projects.yaml", link_without_quote)
    with pytest.raises(DemoDataError, match="no quote"):
        load_demo(directory)
    assert not Component.objects.exists()  # one transaction: nothing half-loaded


def test_loading_twice_gives_the_same_catalogue(demo):
    before = (Component.objects.count(), Project.objects.count(), CaseStudy.objects.count())
    again = load_demo()
    after = (Component.objects.count(), Project.objects.count(), CaseStudy.objects.count())
    assert before == after
    assert str(again) == str(demo)
    assert round(float(year_measurement(2020).result.roi), 4) == 0.4589


def test_every_category_is_named_in_the_three_languages(demo):
    for category in Category.objects.all():
        assert set(category.names) == {"en", "fr", "nl"}, category.slug


def test_demo_search_examples(client, demo):
    for query in ["archivage", "archiving", "ARCHIVING-as-a-service"]:
        html = client.get("/components/", {"q": query}).content.decode()
        # The name's matched words are highlighted (<mark>), so look for its link.
        assert '/components/archiving-as-a-service/"' in html, query

"""publiccode.yml: validation against the standard's conformance corpus, export, import."""

import io
from http import HTTPStatus
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from catalogue.models import Component, Publication
from catalogue.publiccode import completeness
from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.completeness import readiness
from catalogue.publiccode.export import component_to_publiccode, dump
from catalogue.publiccode.importer import import_publiccode
from tests import factories
from tests.pagetext import facet_links
from tests.shared import SHARED_DIR, missing

CORPUS_PARTS = ("publiccode", "testdata", "v0")
CORPUS = SHARED_DIR.joinpath(*CORPUS_PARTS)
# Our own sample files, for the tests that do not need the standard's corpus.
SAMPLES = Path(__file__).resolve().parent / "data" / "publiccode"
VALID = SAMPLES / "valid.yml"
MISSING_LICENCE = SAMPLES / "invalid_license_missing.yml"
MISSING_URL = SAMPLES / "invalid_url_missing.yml"

# Cases of the corpus this importer cannot decide offline, with the reason.
NEEDS_NETWORK = {
    "description_en_videos_invalid_oembed.yml": "needs the video site's oEmbed endpoint (network)",
    "logo_missing_url.yml": "needs to fetch the logo URL (network)",
}
# The register of Italian administrations is on the network; the corpus cases that need it run
# against a stand-in holding the codes the corpus's valid files name (checked case-insensitively).
KNOWN_IPA_CODES = {"pcm", "c_h501"}


def ipa_register(code):
    return code.lower() in KNOWN_IPA_CODES


SPECIAL_PATHS = {
    "file_encoding.yml": "",
    "invalid_yaml.yml": "",
    "unknown_field.yml": "foobar",
    "mostly_empty.yml": "name",
}


def corpus(kind):
    folder = CORPUS / kind
    if not folder.is_dir():
        # One test that skips, or fails in CI, saying the corpus is missing (tests/shared.py).
        return [pytest.param(None, id="corpus-not-available")]
    files = sorted([*folder.glob("*.yml"), *folder.glob("no-network/*.yml")])
    return [pytest.param(path, id=str(path.relative_to(folder))) for path in files]


def check(path):
    if path is None:
        missing(CORPUS)
    # The corpus keeps the files its cases name (logo, screenshots) beside them: its folder
    # stands for the repository.
    return publiccode.validate(path.read_bytes(), base_dir=path.parent, ipa_registry=ipa_register)


@pytest.mark.parametrize("path", corpus("valid"))
def test_valid_files_are_accepted(path):
    report = check(path)
    assert report.valid, [str(problem) for problem in report.errors]


@pytest.mark.parametrize("path", corpus("valid_with_warnings"))
def test_files_with_warnings_are_accepted_with_their_warnings(path):
    report = check(path)
    assert report.valid, [str(problem) for problem in report.errors]
    assert report.warnings


def _expected_key(name):
    if name in SPECIAL_PATHS:
        return SPECIAL_PATHS[name]
    first = name.removesuffix(".yml").split("_")[0]
    return "it" if first == "it" else first.lower()


@pytest.mark.parametrize("path", corpus("invalid"))
def test_invalid_files_are_refused_naming_the_key(path):
    if path is not None and path.name in NEEDS_NETWORK:
        pytest.skip(NEEDS_NETWORK[path.name])
    report = check(path)
    assert not report.valid
    key = _expected_key(path.name)
    paths = [problem.path.lower() for problem in report.errors]
    assert any(p.startswith(key.lower()) for p in paths), (key, paths)


def test_valid_file_maps_its_fields():
    report = publiccode.validate(VALID.read_bytes())
    assert report.valid, report.errors
    assert report.data["name"] == "Formulaire Exemple"


def test_sample_invalid_files_name_their_key():
    assert [p.path for p in publiccode.validate(MISSING_LICENCE.read_bytes()).errors] == [
        "legal.license"
    ]
    assert [p.path for p in publiccode.validate(MISSING_URL.read_bytes()).errors] == ["url"]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b, *b]\n", ""),  # billion laughs: refused
        ("name: !!python/object/apply:os.system ['true']\n", ""),  # arbitrary tags: refused
        ("- just\n- a list\n", ""),
        ("publiccodeYmlVersion: '9.1'\n", "publiccodeymlversion"),
        ("publiccodeYmlVersion: '0.7'\nname: 3\n", "name"),
        ("publiccodeYmlVersion: '0.7'\nurl: 'not a url'\n", "url"),
        ("publiccodeYmlVersion: '0.7'\nlegal: {license: Nope-1.0}\n", "legal.license"),
        ("publiccodeYmlVersion: '0.7'\nlandingURL: 'ftp://x'\n", "landingurl"),
    ],
)
def test_malformed_documents_are_refused(text, path):
    report = publiccode.validate(text)
    assert not report.valid
    assert any(problem.path.lower().startswith(path) for problem in report.errors)


def test_a_huge_document_is_refused_without_parsing():
    report = publiccode.validate(b"a: " + b"x" * (publiccode.MAX_FILE_BYTES + 1))
    assert not report.valid and "larger" in report.errors[0].message


def test_missing_mandatory_keys_are_all_listed():
    report = publiccode.validate("publiccodeYmlVersion: '0.7'\n")
    missing = {problem.path for problem in report.errors if problem.message == "is required"}
    assert missing >= {"name", "url", "platforms", "developmentStatus", "softwareType",
                       "description", "legal", "maintenance", "localisation"}  # fmt: skip


@pytest.fixture
def entry(db):
    owner = factories.institution(name="Office National de Sécurité Sociale", acronym="ONSS")
    dependency = factories.component(name="Keycloak", reuse_conditions="open-source")
    component = factories.component(
        name="Archiving-as-a-Service",
        owner=owner,
        kind="service",
        lifecycle="pilot",
        licence="EUPL-1.2",
        short_description="Electronic archiving with legal value, shared on the G-Cloud.",
        long_description="Keeps documents authentic and readable for years. " * 5,
        source_code_url="https://code.example.org/aaas.git",
        website_url="https://aaas.example.org",
        documentation_url="https://docs.example.org/aaas",
        support_name="Jane Doe",
        support_email="jane.doe@example.org",
        platforms=["web"],
        categories=[factories.category(slug="security", name="Security")],
    )
    component.depends_on.set([dependency])
    project = factories.project(clients=[factories.institution(name="Sciensano")])
    factories.reuse(project, component)
    return component


def _export(component, client=None):
    component = Component.objects.for_detail().get(pk=component.pk)
    return component_to_publiccode(
        component, page_url="https://reuse.example.org/c/", owner_url="https://reuse.example.org/i/"
    )


def test_export_is_valid_and_faithful(entry):
    document = _export(entry)
    report = publiccode.validate(dump(document))
    assert report.valid, report.errors
    assert document["url"] == "https://code.example.org/aaas.git"
    assert document["developmentStatus"] == "beta"
    assert document["legal"]["license"] == "EUPL-1.2"
    assert document["maintenance"]["contacts"][0] == {
        "name": "Jane Doe", "email": "jane.doe@example.org",
        "affiliation": "Office National de Sécurité Sociale",
    }  # fmt: skip
    assert document["usedBy"] == ["Sciensano"]
    assert document["dependsOn"] == {"open": [{"name": "Keycloak"}]}
    assert document["categories"] == ["it-security"]


def test_round_trip_keeps_every_mapped_field(entry):
    text = dump(_export(entry))
    fields = ["name", "short_description", "long_description", "lifecycle", "licence",
              "source_code_url", "website_url", "documentation_url", "support_name",
              "support_email"]  # fmt: skip
    before = {name: getattr(entry, name) for name in fields}
    categories = set(entry.categories.values_list("slug", flat=True))
    # On a draft, the import writes the fields (on a published entry it proposes a change).
    Component.objects.filter(pk=entry.pk).update(publication=Publication.DRAFT)
    result = import_publiccode(text, institution=entry.owner, source="round-trip")
    assert result.ok and not result.created
    entry.refresh_from_db()
    assert {name: getattr(entry, name) for name in fields} == {
        **before,
        "long_description": before["long_description"].strip(),
    }
    assert set(entry.categories.values_list("slug", flat=True)) == categories
    assert list(entry.depends_on.values_list("name", flat=True)) == ["Keycloak"]


def test_import_creates_a_draft_and_is_idempotent(db):
    owner = factories.institution()
    content = VALID.read_bytes()
    first = import_publiccode(content, institution=owner, source="valid.yml")
    assert first.ok and first.created
    component = first.component
    assert component.publication == Publication.DRAFT
    assert component.name == "Formulaire Exemple" and component.licence == "EUPL-1.2"
    assert component.support_name == "Jeanne Martin"
    assert component.support_email == "jeanne.martin@example.org"
    assert component.source_code_url == "https://code.example.org/formulaire-exemple.git"
    assert component.documentation_url == "https://docs.example.org/formulaire-exemple"
    assert component.lifecycle == "production" and component.kind == "system"
    second = import_publiccode(content, institution=owner, source="valid.yml")
    assert second.ok and not second.created and second.component.pk == component.pk
    assert Component.objects.count() == 1


def test_invalid_file_writes_nothing(db):
    owner = factories.institution()
    content = MISSING_LICENCE.read_bytes()
    result = import_publiccode(content, institution=owner, source="x")
    assert not result.ok
    assert Component.objects.count() == 0


def test_import_cannot_take_over_another_institutions_entry(db):
    # Matching is within the importing institution only: the second import makes its own draft.
    content = VALID.read_bytes()
    first = import_publiccode(content, institution=factories.institution(), source="a")
    second = import_publiccode(content, institution=factories.institution(), source="b")
    assert second.ok and second.created and second.component.pk != first.component.pk
    assert first.component.owner != second.component.owner


def test_demo_components_export_only_what_the_standard_requires(client, demo):
    # The report gives no repositories or licences: every demo entry says what is missing
    # instead of a file filled with placeholders.
    for component in Component.objects.published():
        response = client.get(f"/components/{component.slug}/publiccode.yml")
        state = readiness(component)
        if state.ready:
            assert response.status_code == HTTPStatus.OK
            report = publiccode.validate(response.content)
            assert report.valid, (component.slug, [str(p) for p in report.errors])
        else:
            assert response.status_code == HTTPStatus.NOT_FOUND
            if state.software:
                assert "Missing:" in response.content.decode()
        assert b"LicenseRef-not-stated" not in response.content


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"source_code_url": ""}, ["repository"]),
        ({"licence": ""}, ["licence"]),
        ({"licence": "restricted"}, ["licence"]),
        ({"support_name": "", "support_email": "x@example.org"}, ["contact"]),
        ({"platforms": []}, ["platforms"]),
        ({"long_description": "Too short.", "long_description_en": "Too short."}, ["description"]),
        ({"source_code_url": "", "licence": ""}, ["repository", "licence"]),
    ],
)
def test_an_entry_missing_a_required_fact_has_no_publiccode_but_says_why(
    client, entry, change, missing
):
    Component.objects.filter(pk=entry.pk).update(**change)
    Component.objects.get(pk=entry.pk).save()  # as an edit would: save() keeps stored lengths
    page = client.get(f"/components/{entry.slug}/publiccode.yml")
    assert page.status_code == HTTPStatus.NOT_FOUND
    api = client.get(f"/api/components/{entry.slug}/publiccode.yml")
    assert api.status_code == HTTPStatus.NOT_FOUND
    assert yaml.safe_load(api.content)["missing"] == missing
    detail = client.get(f"/api/components/{entry.slug}/").json()
    assert detail["publiccode"]["missing"] == missing and detail["publiccode_url"] is None
    listed = client.get("/api/components/", {"publiccode": f"no-{missing[0]}"}).json()
    assert entry.slug in [row["slug"] for row in listed["results"]]
    ready = client.get("/api/components/", {"publiccode": "ready"}).json()
    assert entry.slug not in [row["slug"] for row in ready["results"]]
    html = client.get(f"/components/{entry.slug}/").content.decode()
    assert "To publish a publiccode.yml, ask the owner for:" in html
    assert f"/components/{entry.slug}/publiccode.yml" not in html


@pytest.mark.parametrize("kind", ["knowledge", "process"])
def test_methods_and_processes_are_not_exported_as_software(client, entry, kind):
    Component.objects.filter(pk=entry.pk).update(kind=kind)
    assert client.get(f"/components/{entry.slug}/publiccode.yml").status_code == 404
    detail = client.get(f"/api/components/{entry.slug}/").json()
    assert detail["publiccode"] == {
        "ready": False, "software": False, "missing": [], "ask_owner_for": [],
    }  # fmt: skip
    listed = client.get("/api/components/", {"publiccode": "not-software"}).json()
    assert [row["slug"] for row in listed["results"]] == [entry.slug]


def test_the_completeness_filter_and_facet_agree_with_each_entry(client, entry):
    factories.component(name="Bare", slug="bare", kind="system")  # lacks everything
    factories.component(name="Method", slug="method", kind="knowledge")
    html = client.get("/components/").content.decode()
    for value, label in completeness.FILTER_CHOICES:
        rows = client.get("/api/components/", {"publiccode": value}).json()["results"]
        listed = {row["slug"] for row in rows}
        expected = {c.slug for c in Component.objects.published() if _matches(readiness(c), value)}
        assert listed == expected, value
        if expected:
            assert facet_links(html, "publiccode")[value] == f"{label} ({len(expected)})"
    assert entry.slug in {
        row["slug"] for row in client.get("/api/components/?publiccode=ready").json()["results"]
    }


def _matches(state, value):
    if value == "ready":
        return state.ready
    if value == "not-software":
        return not state.software
    return value.removeprefix("no-") in [fact.key for fact in state.missing]


def test_api_serves_the_same_document(client, entry):
    page = client.get(f"/components/{entry.slug}/publiccode.yml")
    api = client.get(f"/api/components/{entry.slug}/publiccode.yml")
    assert api.status_code == HTTPStatus.OK
    assert api["Content-Type"].startswith("application/yaml")
    assert yaml.safe_load(api.content) == yaml.safe_load(page.content)


def test_drafts_have_no_publiccode(client, db):
    draft = factories.draft_component()
    assert client.get(f"/components/{draft.slug}/publiccode.yml").status_code == 404
    assert client.get(f"/api/components/{draft.slug}/publiccode.yml").status_code == 404


def test_command_check_and_import(db, tmp_path):
    owner = factories.institution(slug="onss")
    valid = VALID
    invalid = MISSING_URL
    out = io.StringIO()
    call_command("import_publiccode", "--check", str(valid), stdout=out)
    assert "valid" in out.getvalue() and Component.objects.count() == 0
    with pytest.raises(CommandError):
        call_command(
            "import_publiccode", "--check", str(invalid), stdout=io.StringIO(), stderr=io.StringIO()
        )
    call_command("import_publiccode", "--institution", "onss", str(valid), stdout=io.StringIO())
    assert Component.objects.get().owner == owner
    with pytest.raises(CommandError, match="institution"):
        call_command("import_publiccode", str(valid))


def test_admin_upload(admin_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = factories.institution()
    url = "/admin/catalogue/component/import-publiccode/"
    assert admin_client.get(url).status_code == HTTPStatus.OK
    bad = SimpleUploadedFile("bad.yml", MISSING_URL.read_bytes())
    response = admin_client.post(url, {"file": bad, "institution": owner.pk})
    assert response.status_code == HTTPStatus.OK
    assert "<code>url</code>" in response.content.decode()
    good = SimpleUploadedFile("good.yml", VALID.read_bytes())
    response = admin_client.post(url, {"file": good, "institution": owner.pk})
    assert response.status_code == HTTPStatus.FOUND
    assert Component.objects.get().publication == Publication.DRAFT

"""code.json: an agency inventory whose releases validate against schema 2.0.0; licences by
SPDX identifier; vcs from the repository URL; one code.json per component."""

import json

import jsonschema
import pytest

from catalogue.models import Component
from catalogue.opendata.codejson import vcs_of
from tests import factories
from tests.pagetext import content
from tests.shared import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def release_validator():
    schema = json.loads(shared_path("codejson", "schemas", "schema-2.0.0.json").read_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(validator, release):
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(release)]
    assert not errors, (release["name"], errors[:5])


def test_the_demo_inventory_is_an_agency_object_with_valid_releases(
    client, demo, release_validator
):
    inventory = json.loads(content(client.get("/code.json")))
    assert set(inventory) == {"agency", "version", "measurementType", "releases"}
    assert inventory["version"] == "2.0.0" and inventory["agency"]
    assert inventory["measurementType"] == {"method": "projects"}
    assert len(inventory["releases"]) == Component.objects.published().count()
    for release in inventory["releases"]:
        assert_valid(release_validator, release)
        assert release["vcs"] == "none"  # the report gives no repositories


@pytest.mark.parametrize(
    ("licence", "names", "spdx"),
    [
        ("EUPL-1.2", ["Other"], "EUPL-1.2"),
        ("AGPL-3.0-or-later", ["Other"], "AGPL-3.0-or-later"),
        ("MIT", ["MIT"], "MIT"),
        ("EUPL-1.2 OR MIT", ["Other", "MIT"], "EUPL-1.2 OR MIT"),
        ("restricted", ["None"], None),
        ("", [], None),
    ],
)
def test_licences_are_given_by_their_spdx_identifier(
    client, release_validator, licence, names, spdx
):
    component = factories.component(slug="c", licence=licence)
    release = client.get(f"/components/{component.slug}/code.json").json()
    assert_valid(release_validator, release)
    licences = release["permissions"]["licenses"]
    assert [entry["name"] for entry in licences] == names
    assert release.get("spdxLicense") == spdx
    for entry in licences:
        if entry["name"] not in ("None",):
            # The schema lists a dozen licences; the others are "Other", identified by URL.
            assert entry["URL"].startswith("https://spdx.org/licenses/")
    if spdx and "EUPL" in spdx:
        assert any(entry["URL"].endswith("/EUPL-1.2.html") for entry in licences)


@pytest.mark.parametrize(
    ("url", "vcs"),
    [
        ("https://github.com/italia/pat", "git"),
        ("https://gitlab.com/group/project", "git"),
        ("https://gitlab.example.gov/x/y", "git"),
        ("https://code.example.org/x.git", "git"),
        ("https://svn.example.org/repo/trunk", "svn"),
        ("https://example.org/code", "none"),
        ("", "none"),
    ],
)
def test_vcs_comes_from_the_repository_url(url, vcs):
    assert vcs_of(url) == vcs


def test_a_component_with_a_repository_is_public_with_git(client, release_validator):
    component = factories.component(
        slug="open", licence="EUPL-1.2", source_code_url="https://github.com/onss/open",
        support_name="Jane Doe", support_email="jane@example.org",
    )  # fmt: skip
    release = client.get(f"/components/{component.slug}/code.json").json()
    assert_valid(release_validator, release)
    assert release["repositoryURL"] == "https://github.com/onss/open"
    assert release["repositoryVisibility"] == "public" and release["vcs"] == "git"
    assert release["contact"] == {"name": "Jane Doe", "email": "jane@example.org"}
    assert release["maintenance"] == "internal"


def test_drafts_have_no_code_json(client, db):
    draft = factories.draft_component(slug="secret")
    assert client.get(f"/components/{draft.slug}/code.json").status_code == 404
    assert "secret" not in content(client.get("/code.json")).decode()

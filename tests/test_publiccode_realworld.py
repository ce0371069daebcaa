"""publiccode.yml files from real repositories: the verdicts of shared/publiccode/realworld/,
version-aware rules, and files named by relative path checked in a given repository (a local
checkout, or a base URL served here by a local HTTP server)."""

import functools
import http.server
import io
import threading

import pytest
from django.core.management import CommandError, call_command

from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.repository import (
    LocalCheckout,
    RemoteRepository,
    Unreachable,
    raw_base_url,
)
from tests.shared import shared_path

# The verdict expected for each file read alone and offline (shared/publiccode/realworld/README).
ACCEPTED = [
    "4Science__parer", "ARPA-SIMC__dballe", "ARPA-VdA__phenopix", "ARPALit__SIASS",
    "ARPASMR__lapris", "AgID__pat", "AgID__rndt-catalogue", "Amsterdam__signals-frontend",
    "CSTSistemiSUD__GeoCity", "CatalaLang__catala", "Comune-Milano__Whistleblowing",
]  # fmt: skip
ACCEPTED_WITH_PATH_WARNINGS = [
    "AUSL-ReggioEmilia__DocSuitePA", "AgID__wai-portal", "MinBZK__regelrecht",
]  # fmt: skip
REFUSED = {
    "AI-Riksarkivet__htrflow": {"maintenance.contacts"},
    "Aitema-gmbh__terminvergabe": {"categories[1]", "maintenance.type"},
    "Cetriq__Classify": {"x-samhallskodex"},
}
NOT_CHECKED = "was read without its repository"


def realworld(name):
    return shared_path("publiccode", "realworld", f"{name}.yml").read_bytes()


def test_every_shared_file_has_an_expected_verdict_here():
    folder = shared_path("publiccode", "realworld")
    names = {path.stem for path in folder.glob("*.yml")}
    assert names == {*ACCEPTED, *ACCEPTED_WITH_PATH_WARNINGS, *REFUSED}


@pytest.mark.parametrize("name", ACCEPTED)
def test_real_files_are_accepted(name):
    report = publiccode.validate(realworld(name))
    assert report.valid, [str(problem) for problem in report.errors]
    assert not [w for w in report.warnings if NOT_CHECKED in w.message]


@pytest.mark.parametrize("name", ACCEPTED_WITH_PATH_WARNINGS)
def test_relative_paths_read_alone_are_warnings_not_errors(name):
    report = publiccode.validate(realworld(name))
    assert report.valid, [str(problem) for problem in report.errors]
    unchecked = [w for w in report.warnings if NOT_CHECKED in w.message]
    assert any(w.path == "logo" for w in unchecked)


@pytest.mark.parametrize(("name", "paths"), REFUSED.items())
def test_real_files_that_break_the_standard_are_refused_for_the_right_reason(name, paths):
    report = publiccode.validate(realworld(name))
    assert not report.valid
    assert {problem.path for problem in report.errors} == paths


def test_the_check_command_gives_the_verdicts(db):
    folder = shared_path("publiccode", "realworld")
    accepted = [str(folder / f"{name}.yml") for name in ACCEPTED + ACCEPTED_WITH_PATH_WARNINGS]
    out = io.StringIO()
    call_command("import_publiccode", "--check", *accepted, stdout=out)
    assert out.getvalue().count(": valid\n") == len(accepted)
    assert "AgID__wai-portal.yml: warning: logo:" in out.getvalue()
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 of 3"):
        call_command(
            "import_publiccode",
            "--check",
            *[str(folder / f"{name}.yml") for name in REFUSED],
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "Cetriq__Classify.yml: error: x-samhallskodex: is not a key" in err.getvalue()


# --- Rules, one by one ------------------------------------------------------------------------

MINIMAL = """\
publiccodeYmlVersion: "{version}"
name: Example
url: "https://example.org/example.git"
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: An example.
    longDescription: "{long}"
    features: [One]
legal:
  license: EUPL-1.2
maintenance:
{maintenance}
localisation:
  localisationReady: true
  availableLanguages: [en]
"""
LONG = "Long enough. " * 15
INTERNAL = "  type: internal\n  contacts:\n    - name: Jane Doe\n"


def minimal(version="0.7", maintenance=INTERNAL, extra=""):
    return MINIMAL.format(version=version, long=LONG, maintenance=maintenance) + extra


def errors(text, **kwargs):
    return {problem.path: problem.message for problem in publiccode.validate(text, **kwargs).errors}


def test_the_minimal_document_is_valid():
    assert errors(minimal()) == {}


@pytest.mark.parametrize(("version", "refused"), [("0.2", False), ("0.4", False), ("0.5", True),
                                                  ("0.7", True), ("0", True)])  # fmt: skip
def test_contractors_with_internal_maintenance_are_refused_only_from_version_0_5(version, refused):
    maintenance = INTERNAL + "  contractors:\n    - name: ACME\n      until: 2030-01-01\n"
    found = errors(minimal(version, maintenance))
    assert ("maintenance.contractors" in found) is refused
    if refused:
        assert "0.5" in found["maintenance.contractors"]


def test_deprecations_are_reported_for_the_version_that_made_them():
    text = minimal("0.3").replace("  license: EUPL-1.2\n", "  license: EUPL-1.2\n  repoOwner: X\n")
    warnings = {w.path: w.message for w in publiccode.validate(text).warnings}
    assert "legal.repoOwner" not in warnings  # deprecated only in 0.5
    newer = publiccode.validate(text.replace('"0.3"', '"0.5"'))
    warnings = {w.path: w.message for w in newer.warnings}
    assert warnings["legal.repoOwner"].startswith("deprecated since version 0.5")


def test_empty_optional_strings_are_absent_values():
    text = minimal(
        maintenance=INTERNAL + "      affiliation: ''\n      email: ''\n",
        extra="softwareVersion: ''\ndependsOn:\n  open:\n    - name: PostgreSQL\n"
        "      version: ''\n      versionMin: ''\n      versionMax: \"\"\n",
    )
    assert errors(text) == {}


def test_the_or_later_operator_is_a_valid_spdx_expression():
    assert errors(minimal().replace("license: EUPL-1.2", "license: EUPL-1.1+")) == {}
    assert "legal.license" in errors(minimal().replace("license: EUPL-1.2", "license: Nope+"))


def test_required_strings_may_not_be_empty():
    assert errors(minimal().replace("name: Example", "name: ''")) == {"name": "may not be empty"}


def test_versions_written_as_numbers_are_read_with_a_warning():
    text = minimal(extra="softwareVersion: 1.10\ndependsOn:\n  open:\n    - name: Java\n"
                   "      versionMin: 11\n").replace('"0.7"', "0.7")  # fmt: skip
    report = publiccode.validate(text)
    assert report.valid, report.errors
    assert {"softwareVersion", "dependsOn.open[0].versionMin", "publiccodeYmlVersion"} <= {
        w.path for w in report.warnings
    }
    assert errors(minimal().replace("name: Example", "name: [Example]")) == {
        "name": "must be a string"
    }


@pytest.mark.parametrize("code", ["PCM", "pcm", "c_h501", "C_H501"])
def test_italian_administration_codes_are_compared_without_regard_to_case(code):
    text = minimal(extra=f"organisation:\n  uri: urn:x-italian-pa:{code}\n")
    assert errors(text) == {}
    assert errors(text, ipa_registry=lambda c: c.lower() in {"pcm", "c_h501"}) == {}
    refused = errors(text, ipa_registry=lambda c: False)
    assert "register" in refused["organisation.uri"]
    assert "organisation.uri" in errors(
        minimal(extra="organisation:\n  uri: urn:x-italian-pa:a-b\n")
    )


# --- Files named by relative path ---------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
WITH_FILES = (
    minimal(
        version="0.4",
        extra="logo: img/logo.png\n",
    )
    .replace("    features: [One]\n", "    features: [One]\n    screenshots: [img/shot.png]\n")
    .replace("  license: EUPL-1.2\n", "  license: EUPL-1.2\n  authorsFile: AUTHORS\n")
)


@pytest.fixture
def checkout(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.png").write_bytes(PNG)
    (tmp_path / "img" / "shot.png").write_bytes(PNG)
    (tmp_path / "AUTHORS").write_text("Jane Doe\n")
    return tmp_path


def test_read_alone_relative_paths_are_listed_as_unchecked():
    report = publiccode.validate(WITH_FILES)
    assert report.valid
    unchecked = {w.path for w in report.warnings if NOT_CHECKED in w.message}
    assert unchecked == {"logo", "description.en.screenshots[0]", "legal.authorsFile"}


def test_relative_paths_are_checked_in_a_local_checkout(checkout):
    assert errors(WITH_FILES, repository=LocalCheckout(checkout)) == {}
    (checkout / "img" / "shot.png").unlink()
    (checkout / "img" / "logo.png").write_bytes(b"GIF89a")
    assert errors(WITH_FILES, repository=LocalCheckout(checkout)) == {
        "logo": "“img/logo.png” is not a PNG image",
        "description.en.screenshots[0]": "the file “img/shot.png” does not exist in the repository",
    }


def test_paths_cannot_leave_the_repository(checkout):
    text = WITH_FILES.replace("logo: img/logo.png", "logo: ../outside.png")
    (checkout.parent / "outside.png").write_bytes(PNG)
    assert "logo" in errors(text, repository=LocalCheckout(checkout))


def test_an_authors_file_url_is_accepted_without_being_read_as_a_path(checkout):
    text = WITH_FILES.replace("authorsFile: AUTHORS", "authorsFile: https://example.org/AUTHORS")
    report = publiccode.validate(text, repository=LocalCheckout(checkout))
    assert report.valid, report.errors
    assert [w.message for w in report.warnings if w.path == "legal.authorsFile"] == [
        "deprecated since version 0.4"
    ]
    text = WITH_FILES.replace("authorsFile: AUTHORS", "authorsFile: NOPE")
    assert errors(text, repository=LocalCheckout(checkout)) == {
        "legal.authorsFile": "the file “NOPE” does not exist in the repository"
    }


@pytest.fixture
def served(checkout, settings):
    """The checkout served over HTTP on 127.0.0.1 (a repository's raw-files base URL)."""
    # Loopback addresses are refused in production (catalogue/publiccode/network.py).
    settings.HARVEST_ALLOW_PRIVATE_NETWORKS = True
    handler = functools.partial(_QuietHandler, directory=str(checkout))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", checkout
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_relative_paths_are_checked_at_a_repository_url(served):
    base, checkout = served
    assert errors(WITH_FILES, repository=RemoteRepository(base)) == {}
    (checkout / "AUTHORS").unlink()
    assert errors(WITH_FILES, repository=RemoteRepository(base.rstrip("/"))) == {
        "legal.authorsFile": "the file “AUTHORS” does not exist in the repository"
    }


def test_an_unreachable_repository_gives_warnings_not_errors():
    def down(url, limit):
        raise Unreachable("connection refused")

    report = publiccode.validate(WITH_FILES, repository=RemoteRepository("https://x.test/", down))
    assert report.valid
    assert any("could not be checked" in w.message for w in report.warnings if w.path == "logo")


def test_forge_urls_become_raw_file_addresses():
    assert raw_base_url("https://github.com/italia/pat.git") == (
        "https://raw.githubusercontent.com/italia/pat/HEAD/"
    )
    assert raw_base_url("https://gitlab.com/group/sub/project") == (
        "https://gitlab.com/group/sub/project/-/raw/HEAD/"
    )
    assert raw_base_url("https://code.example.org/raw/main") == "https://code.example.org/raw/main/"


def test_the_command_checks_in_the_given_repository_or_the_files_git_checkout(db, checkout, served):
    base, _ = served
    (checkout / "publiccode.yml").write_text(WITH_FILES)
    out = io.StringIO()
    call_command("import_publiccode", "--check", str(checkout / "publiccode.yml"), stdout=out)
    assert NOT_CHECKED in out.getvalue()  # not a git checkout: read alone
    (checkout / ".git").mkdir()  # the root of a git checkout
    out = io.StringIO()
    call_command("import_publiccode", "--check", str(checkout / "publiccode.yml"), stdout=out)
    assert NOT_CHECKED not in out.getvalue() and ": valid" in out.getvalue()
    (checkout / "img" / "logo.png").unlink()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_publiccode", "--check", "--repository", base, str(checkout / "publiccode.yml"),
            stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert "logo: the file “img/logo.png” does not exist in the repository" in err.getvalue()


def test_admin_upload_checks_files_at_the_repository_url(admin_client, db, served):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories

    base, checkout = served
    (checkout / "img" / "logo.png").unlink()
    owner = factories.institution()
    upload = SimpleUploadedFile("publiccode.yml", WITH_FILES.encode())
    response = admin_client.post(
        "/admin/catalogue/component/import-publiccode/",
        {"file": upload, "institution": owner.pk, "repository": base},
    )
    assert response.status_code == 200
    assert "does not exist in the repository" in response.content.decode()

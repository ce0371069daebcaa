"""The harvester (issue 11): sources served by a local HTTP server and local git repositories;
nothing reaches the internet. Two runs with one source turned invalid and one unreachable:
nothing published disappears, and the log says why."""

import functools
import hashlib
import http.server
import io
import subprocess
import threading
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalogue.models import (
    Component,
    HarvestLog,
    HarvestSource,
    HarvestStatus,
    PendingChange,
    Publication,
)
from catalogue.publiccode.harvest import resolve
from tests import factories
from tests.admin_forms import make_user

VALID = (Path(__file__).resolve().parent / "data" / "publiccode" / "valid.yml").read_text()


def variant(name: str, url: str) -> str:
    return VALID.replace("Formulaire Exemple", name).replace(
        "https://code.example.org/formulaire-exemple.git", url
    )


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with a strong ETag, answering If-None-Match with 304."""

    conditional = []  # the If-None-Match values received

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_file():
            etag = '"' + hashlib.sha256(path.read_bytes()).hexdigest()[:16] + '"'
            received = self.headers.get("If-None-Match")
            if received:
                self.conditional.append(received)
            if received == etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = path.read_bytes()
            self.send_response(HTTPStatus.OK)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_error(HTTPStatus.NOT_FOUND)


@pytest.fixture
def web(tmp_path, settings):
    # The tests' server listens on the loopback address, which production refuses.
    settings.HARVEST_ALLOW_PRIVATE_NETWORKS = True
    root = tmp_path / "www"
    root.mkdir()
    _Handler.conditional = []
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stopped = []

    def stop():
        if not stopped:
            server.shutdown()
            server.server_close()
            stopped.append(True)

    yield f"http://127.0.0.1:{server.server_address[1]}/", root, stop
    stop()


def git(folder, *args):
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(tmp_path, settings):
    settings.HARVEST_LOCAL_ROOTS = [str(tmp_path)]
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "publiccode.yml").write_text(variant("Depot Local", "https://code.example.org/local"))
    git(folder, "add", "publiccode.yml")
    git(folder, "commit", "-qm", "first")
    return folder


def harvest(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("harvest", stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def published_now():
    return dict(Component.objects.published().values_list("slug", "short_description"))


def test_two_runs_nothing_published_disappears_and_the_log_says_why(db, web, repository):
    base, root, stop = web
    owner = factories.institution(slug="owner-a")
    (root / "form.yml").write_text(variant("Formulaire Web", "https://code.example.org/web"))
    (root / "project").mkdir()
    (root / "project" / "publiccode.yml").write_text(
        variant("Depot Web", "https://code.example.org/repo")
    )
    file_source = HarvestSource.objects.create(institution=owner, url=f"{base}form.yml")
    repo_source = HarvestSource.objects.create(institution=owner, url=f"{base}project")
    git_source = HarvestSource.objects.create(institution=owner, url=f"file://{repository}")

    output = harvest(workers=2)
    assert output.count(": fetched: created draft") == 3, output
    assert Component.objects.filter(publication=Publication.DRAFT).count() == 3
    # Editors publish them.
    Component.objects.update(publication=Publication.PUBLISHED)
    before = published_now()

    # Run again: nothing changed, conditional requests say so, nothing is written.
    output = harvest(workers=2)
    assert output.count(": unchanged:") == 3, output
    assert len(_Handler.conditional) == 2  # both HTTP sources sent If-None-Match
    assert "not modified (HTTP 304)" in output

    # The git source turns invalid, the web server goes away.
    (repository / "publiccode.yml").write_text(VALID.replace("legal:\n  license: EUPL-1.2\n", ""))
    git(repository, "commit", "-qam", "break it")
    stop()
    output = harvest(workers=2)
    assert published_now() == before  # nothing published disappears nor changes
    assert Component.objects.count() == 3 and not PendingChange.objects.exists()
    for source in (file_source, repo_source, git_source):
        source.refresh_from_db()
        assert source.flagged and source.component is not None
    assert git_source.last_status == HarvestStatus.INVALID
    assert "legal" in git_source.last_message
    assert file_source.last_status == repo_source.last_status == HarvestStatus.UNREACHABLE
    log = HarvestLog.objects.filter(source=git_source).first()
    assert log.status == HarvestStatus.INVALID and any("legal" in p for p in log.problems)
    assert "invalid" in output and "unreachable" in output


def test_a_change_to_a_published_entry_is_a_pending_change(db, repository):
    owner = factories.institution(slug="owner-b")
    HarvestSource.objects.create(institution=owner, url=str(repository))
    harvest()
    component = Component.objects.get()
    Component.objects.update(publication=Publication.PUBLISHED)
    changed = variant("Depot Local", "https://code.example.org/local").replace(
        "Un moteur de formulaires", "Un autre moteur de formulaires"
    )
    (repository / "publiccode.yml").write_text(changed)
    git(repository, "commit", "-qam", "new words")
    output = harvest()
    assert "submitted for review" in output, output
    component.refresh_from_db()
    assert component.is_published and not component.short_description_fr.startswith("Un autre")
    assert PendingChange.objects.get().data["short_description_fr"].startswith("Un autre")
    harvest()  # idempotent: the same commit is not proposed again
    assert PendingChange.objects.count() == 1


def test_a_source_that_recovers_is_unflagged(db, web):
    base, root, _stop = web
    owner = factories.institution()
    source = HarvestSource.objects.create(institution=owner, url=f"{base}later.yml")
    assert "unreachable" in harvest()
    source.refresh_from_db()
    assert source.flagged and "HTTP 404" in source.last_message
    (root / "later.yml").write_text(VALID)
    harvest()
    source.refresh_from_db()
    assert not source.flagged and source.last_status == HarvestStatus.FETCHED


def test_only_one_institution_and_bad_options(db, repository):
    a, b = factories.institution(slug="a-inst"), factories.institution(slug="b-inst")
    HarvestSource.objects.create(institution=a, url=str(repository))
    HarvestSource.objects.create(institution=b, url=str(repository))
    harvest(institution="b-inst")
    assert list(Component.objects.values_list("owner__slug", flat=True)) == ["b-inst"]
    with pytest.raises(CommandError):
        harvest(institution="nobody")
    with pytest.raises(CommandError):
        harvest(workers=0)


def test_repository_addresses_become_raw_file_addresses():
    assert resolve("https://github.com/owner/name")[0] == (
        "https://raw.githubusercontent.com/owner/name/HEAD/publiccode.yml"
    )
    assert resolve("https://example.org/files/publiccode.yml")[0] == (
        "https://example.org/files/publiccode.yml"
    )


def test_local_paths_are_refused_outside_the_allowed_folders(db, settings, tmp_path):
    from django.core.exceptions import ValidationError

    settings.HARVEST_LOCAL_ROOTS = [str(tmp_path / "allowed")]
    source = HarvestSource(institution=factories.institution(), url="/etc/passwd")
    with pytest.raises(ValidationError):
        source.full_clean()
    source.url = f"file://{tmp_path}/allowed/../elsewhere"
    with pytest.raises(ValidationError):
        source.full_clean()


ADD = "/admin/catalogue/harvestsource/add/"


def test_admin_members_register_sources_for_their_own_institution_only(client, db):
    a, b = factories.institution(), factories.institution()
    theirs = HarvestSource.objects.create(institution=b, url="https://example.org/b.yml")
    client.force_login(make_user("member-a", institutions=[a]))
    response = client.post(ADD, {"institution": b.pk, "url": "https://example.org/x.yml",
                                 "active": "on", "logs-TOTAL_FORMS": 0,
                                 "logs-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == HTTPStatus.OK and "Select a valid choice" in response.text
    assert not HarvestSource.objects.filter(url="https://example.org/x.yml").exists()
    response = client.post(ADD, {"institution": a.pk, "url": "https://example.org/a.yml",
                                 "active": "on", "logs-TOTAL_FORMS": 0,
                                 "logs-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == HTTPStatus.FOUND
    assert HarvestSource.objects.get(url="https://example.org/a.yml").institution == a
    change = f"/admin/catalogue/harvestsource/{theirs.pk}/change/"
    assert client.get(change).status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND)
    listing = client.get("/admin/catalogue/harvestsource/").text
    assert "a.yml" in listing and "b.yml" not in listing
    assert "b.yml" not in client.get("/admin/catalogue/harvestlog/").text


def test_admin_editors_register_sources_for_any_institution(client, db):
    b = factories.institution()
    client.force_login(make_user("editor", editor=True))
    response = client.post(ADD, {"institution": b.pk, "url": "https://example.org/e.yml",
                                 "active": "on", "logs-TOTAL_FORMS": 0,
                                 "logs-INITIAL_FORMS": 0})  # fmt: skip
    assert response.status_code == HTTPStatus.FOUND
    assert client.get("/admin/catalogue/harvestrun/").status_code == HTTPStatus.OK


def test_the_institution_page_shows_sources_to_its_members_only(client, db):
    a, b = factories.institution(), factories.institution()
    HarvestSource.objects.create(
        institution=a, url="https://example.org/secret.yml", flagged=True,
        last_status=HarvestStatus.INVALID, last_message="invalid: legal.license is required",
    )  # fmt: skip
    url = a.get_absolute_url()
    anonymous = client.get(url)
    assert "secret.yml" not in anonymous.text and "legal.license" not in anonymous.text
    client.force_login(make_user("member-b", institutions=[b]))
    assert "secret.yml" not in client.get(url).text
    client.force_login(make_user("member-a2", institutions=[a]))
    page = client.get(url)
    assert "secret.yml" in page.text and "legal.license is required" in page.text
    assert "private" in page["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/publiccode.yml",
        "http://localhost/publiccode.yml",
        "http://169.254.169.254/latest/meta-data/publiccode.yml",
        "http://10.1.2.3/repo/",
        "http://[::1]/publiccode.yml",
    ],
)
def test_sources_on_private_or_local_addresses_are_not_fetched(db, url):
    from catalogue.publiccode import harvest as harvesting

    state = harvesting.SourceState(pk=1, url=url, etag="", last_modified="", content_hash="")
    fetched = harvesting.fetch_and_validate(state, timeout=2)
    assert fetched.status == HarvestStatus.UNREACHABLE
    assert "private or local address" in fetched.message

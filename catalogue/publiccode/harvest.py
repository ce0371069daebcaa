"""The harvester: fetch the publiccode.yml of every registered source, validate it, and turn
changes into drafts or pending changes through the importer (`manage.py harvest`).

Fetching and validating run in a bounded pool of threads (network only, no database); every
database write happens in the calling thread, one source at a time. Requests are conditional
(If-None-Match / If-Modified-Since, then the content's hash), so a run over unchanged sources
writes nothing but its log. A source that turns invalid or unreachable is flagged and logged;
its entry stays as it is, published or not: the harvester never deletes nor unpublishes.
"""

from __future__ import annotations

import hashlib
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from catalogue.models import HarvestLog, HarvestRun, HarvestSource, HarvestStatus
from catalogue.models.harvest import local_path
from catalogue.publiccode import network
from catalogue.publiccode import validator as publiccode
from catalogue.publiccode.importer import import_publiccode
from catalogue.publiccode.repository import (
    USER_AGENT,
    LocalCheckout,
    RemoteRepository,
    Repository,
    raw_base_url,
)
from catalogue.publiccode.validator import MAX_FILE_BYTES

FILE_NAME = "publiccode.yml"


@dataclass(frozen=True)
class SourceState:
    """What a worker thread needs of a source (no model instance crosses threads)."""

    pk: int
    url: str
    etag: str
    last_modified: str
    content_hash: str


@dataclass
class Fetched:
    status: str
    message: str = ""
    content: bytes | None = None
    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""
    report: publiccode.Report | None = None
    repository: Repository | None = None
    problems: list[str] = field(default_factory=list)


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlparse(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect outside http(s)", headers, fp)
        try:
            network.check_public(newurl)  # a public source may not redirect inwards
        except network.PrivateAddress as exc:
            raise urllib.error.HTTPError(newurl, code, str(exc), headers, fp) from exc
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.OpenerDirector()
for _handler in (
    urllib.request.HTTPHandler(),
    urllib.request.HTTPSHandler(),
    _HttpOnlyRedirects(),
    urllib.request.HTTPErrorProcessor(),
    urllib.request.HTTPDefaultErrorHandler(),
):
    _opener.add_handler(_handler)


def resolve(url: str) -> tuple[str, Repository | None]:
    """The address of the source's publiccode.yml and the repository its relative paths
    refer to. A file's address is used as given (its folder is the repository root); a
    repository's base address becomes its raw publiccode.yml (GitHub, GitLab or any base)."""
    if urlparse(url).path.lower().endswith((".yml", ".yaml")):
        return url, RemoteRepository(urljoin(url, "."))
    base = raw_base_url(url)
    return urljoin(base, FILE_NAME), RemoteRepository(url)


def _http(state: SourceState, timeout: float) -> Fetched:
    address, repository = resolve(state.url)
    headers = {"User-Agent": USER_AGENT}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        network.check_public(address)
    except network.PrivateAddress as exc:
        return Fetched(HarvestStatus.UNREACHABLE, f"{address}: {exc}")
    request = urllib.request.Request(address, headers=headers)  # noqa: S310 (http(s) only)
    try:
        with _opener.open(request, timeout=timeout) as response:
            content = response.read(MAX_FILE_BYTES + 1)
            etag = response.headers.get("ETag", "")
            modified = response.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(HarvestStatus.UNCHANGED, "not modified (HTTP 304)")
        return Fetched(HarvestStatus.UNREACHABLE, f"{address}: HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Fetched(HarvestStatus.UNREACHABLE, f"{address}: {reason}")
    fetched = Fetched(HarvestStatus.FETCHED, content=content, repository=repository)
    fetched.etag, fetched.last_modified = etag[:300], modified[:100]
    return fetched


def _git(folder: Path, *args: str, timeout: float) -> bytes:
    return subprocess.run(  # noqa: S603 (fixed git arguments, a folder under HARVEST_LOCAL_ROOTS)
        ["git", "-C", str(folder), *args],  # noqa: S607
        capture_output=True,
        check=True,
        timeout=timeout,
    ).stdout


def _local(state: SourceState, timeout: float) -> Fetched:
    path = local_path(state.url)
    try:
        if path.is_dir() and (path / ".git").exists():
            # A git repository: its committed publiccode.yml, the commit as its ETag.
            commit = _git(path, "rev-parse", "HEAD", timeout=timeout).decode().strip()
            if state.etag == f"git:{commit}":
                return Fetched(HarvestStatus.UNCHANGED, f"same commit {commit[:12]}")
            content = _git(path, "show", f"HEAD:{FILE_NAME}", timeout=timeout)
            fetched = Fetched(HarvestStatus.FETCHED, content=content[: MAX_FILE_BYTES + 1])
            fetched.etag, fetched.repository = f"git:{commit}", LocalCheckout(path)
            return fetched
        file = path / FILE_NAME if path.is_dir() else path
        with file.open("rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode(errors="replace").strip().splitlines()
        return Fetched(HarvestStatus.UNREACHABLE, f"git: {message[-1] if message else exc}")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Fetched(HarvestStatus.UNREACHABLE, str(exc))
    folder = file.parent
    repository = LocalCheckout(folder) if (folder / ".git").exists() else None
    return Fetched(HarvestStatus.FETCHED, content=content, repository=repository)


def fetch_and_validate(state: SourceState, *, timeout: float, force: bool = False) -> Fetched:
    """Runs in a worker thread: no database access."""
    if force:
        state = SourceState(state.pk, state.url, "", "", "")
    fetched = _local(state, timeout) if local_path(state.url) else _http(state, timeout)
    if fetched.status != HarvestStatus.FETCHED:
        return fetched
    fetched.content_hash = hashlib.sha256(fetched.content).hexdigest()
    if fetched.content_hash == state.content_hash:
        fetched.status, fetched.message = HarvestStatus.UNCHANGED, "same content"
        return fetched
    fetched.report = publiccode.validate(fetched.content, repository=fetched.repository)
    return fetched


@dataclass
class Outcome:
    source: HarvestSource
    log: HarvestLog


def harvest(sources, *, workers: int | None = None, timeout: float | None = None,
            force: bool = False, institution=None, on_result=None) -> HarvestRun:  # fmt: skip
    """Harvest ``sources`` (a QuerySet of HarvestSource) and return the run with its logs."""
    workers = max(1, workers or settings.HARVEST_WORKERS)
    timeout = timeout or settings.HARVEST_TIMEOUT
    run = HarvestRun.objects.create(institution=institution)
    sources = list(sources.select_related("institution"))
    states = [SourceState(s.pk, s.url, s.etag, s.last_modified, s.content_hash) for s in sources]
    by_pk = {source.pk: source for source in sources}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            (state, pool.submit(fetch_and_validate, state, timeout=timeout, force=force))
            for state in states
        ]
        for state, future in futures:  # writes: here, in this thread, in order
            try:
                fetched = future.result()
            except Exception as exc:
                fetched = Fetched(HarvestStatus.UNREACHABLE, f"error: {exc}")
            log = record(run, by_pk[state.pk], fetched)
            if on_result:
                on_result(log)
    run.finished = timezone.now()
    run.save(update_fields=["finished"])
    return run


@transaction.atomic
def record(run: HarvestRun, source: HarvestSource, fetched: Fetched) -> HarvestLog:
    """Apply one source's result: import a valid file, flag a failed source, log either way."""
    log = HarvestLog(run=run, source=source, status=fetched.status, message=fetched.message)
    if fetched.status == HarvestStatus.FETCHED:
        result = import_publiccode(
            fetched.content,
            institution=source.institution,
            source=source.url,
            repository=fetched.repository,
            report=fetched.report,
        )
        log.report = result.report_lines()
        if not result.ok:
            log.status = HarvestStatus.INVALID
            log.problems = [str(problem) for problem in result.report.errors]
            log.message = "invalid: nothing written; the entry stays as it was"
        else:
            log.component = result.component
            log.message = _describe(result)
            if result.notes:
                log.message += " — " + "; ".join(result.notes)
        source.etag, source.last_modified = fetched.etag, fetched.last_modified
        source.content_hash = fetched.content_hash
    if log.status == HarvestStatus.UNCHANGED:
        log.component = source.component
    source.last_status = log.status
    source.last_checked = timezone.now()
    source.last_message = "\n".join([log.message, *log.problems])
    if log.status in (HarvestStatus.INVALID, HarvestStatus.UNREACHABLE):
        source.flagged = True
    elif log.status == HarvestStatus.FETCHED:
        source.flagged = False
        source.component = log.component
    source.save()
    log.save()
    return log


def _describe(result) -> str:
    name = result.component.slug
    if result.proposed:
        return f"change to the published “{name}” submitted for review"
    if result.component.is_published:
        return f"no change to the published “{name}”"
    return f"{'created' if result.created else 'updated'} draft “{name}”"


def sources_shown_to(user, institution):
    """The institution's harvest sources with their last status, for its own logged-in members
    (and editors); nobody else sees them (an empty list)."""
    from catalogue.review import roles

    if not user.is_authenticated:
        return []
    if not (roles.is_editor(user) or institution.pk in roles.institution_ids(user)):
        return []
    return list(HarvestSource.objects.filter(institution=institution).order_by("url"))

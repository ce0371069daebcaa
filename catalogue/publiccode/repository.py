"""Where the files a publiccode.yml names by relative path (logo, screenshots, authorsFile) are
looked up: a local checkout, or a repository's base URL read through an injectable fetcher.

A publiccode.yml lives at the root of its repository, so `logo: img/logo.svg` means the file
`img/logo.svg` of that repository. Read alone (an upload, a file from elsewhere), such a path
cannot be checked: the validator says so in a warning instead of refusing the file.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlparse

from catalogue.publiccode import network

FETCH_TIMEOUT = 15
MAX_ASSET_BYTES = 5_000_000
USER_AGENT = "ReUse publiccode.yml validator"


class Unreachable(Exception):
    """The repository could not answer (network error, timeout, server error)."""


# A fetcher returns the body of an http(s) URL (at most `limit` bytes), None when the server
# says it does not exist (404/410), and raises Unreachable otherwise.
Fetch = Callable[[str, int], bytes | None]


def http_fetch(url: str, limit: int = MAX_ASSET_BYTES) -> bytes | None:
    """The default fetcher: plain HTTP(S) GET with a timeout."""
    if urlparse(url).scheme not in ("http", "https"):
        raise Unreachable(f"{url}: only http(s) URLs are fetched")
    try:
        network.check_public(url)
    except network.PrivateAddress as exc:
        raise Unreachable(str(exc)) from exc
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            return response.read(limit)
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise Unreachable(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise Unreachable(str(getattr(exc, "reason", exc))) from exc


def _safe_relative(path: str) -> PurePosixPath | None:
    """The path inside the repository, or None when it would leave it (`../`, absolute)."""
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return relative


class LocalCheckout:
    """A repository checked out in a local directory."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()

    def __str__(self):
        return str(self.root)

    def read(self, path: str, limit: int = MAX_ASSET_BYTES) -> bytes | None:
        relative = _safe_relative(path)
        if relative is None:
            return None
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root) or not target.is_file():
            return None
        with target.open("rb") as handle:
            return handle.read(limit)

    def fetch_url(self, url: str, limit: int = MAX_ASSET_BYTES) -> bytes | None:
        raise Unreachable("a local checkout does not reach the network")


class RemoteRepository:
    """A repository read over HTTP from its raw-files base URL.

    `https://github.com/owner/name` and `https://gitlab.com/owner/name` are turned into their
    raw-file addresses (default branch); any other base URL is used as given (files are at
    base URL + relative path).
    """

    def __init__(self, base_url: str, fetch: Fetch = http_fetch):
        self.base_url = raw_base_url(base_url)
        self.fetch = fetch

    def __str__(self):
        return self.base_url

    def read(self, path: str, limit: int = MAX_ASSET_BYTES) -> bytes | None:
        relative = _safe_relative(path)
        if relative is None:
            return None
        return self.fetch(urljoin(self.base_url, quote(str(relative))), limit)

    def fetch_url(self, url: str, limit: int = MAX_ASSET_BYTES) -> bytes | None:
        return self.fetch(url, limit)


Repository = LocalCheckout | RemoteRepository


def raw_base_url(url: str) -> str:
    parsed = urlparse(url.strip())
    parts = [part for part in parsed.path.split("/") if part]
    if parsed.netloc in ("github.com", "www.github.com") and len(parts) >= 2:
        name = parts[1].removesuffix(".git")
        return f"https://raw.githubusercontent.com/{parts[0]}/{name}/HEAD/"
    if parsed.netloc == "gitlab.com" and len(parts) >= 2 and "-" not in parts:
        path = "/".join(parts).removesuffix(".git")
        return f"https://gitlab.com/{path}/-/raw/HEAD/"
    return url if url.endswith("/") else url + "/"


def open_repository(location: str | Path | None, fetch: Fetch = http_fetch) -> Repository | None:
    """A local directory or an http(s) base URL as a repository; None for nothing given."""
    if not location:
        return None
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteRepository(text, fetch=fetch)
    path = Path(text)
    if not path.is_dir():
        raise ValueError(f"{text}: not a directory or an http(s) URL")
    return LocalCheckout(path)

"""Data the project keeps outside the repository, in ``shared/`` beside it.

``shared/`` holds reference material the tests check against (the publiccode.yml conformance
corpus, the code.json schema, ADMS shapes...). It is found through ``REUSE_SHARED_DIR`` or as
``../shared`` relative to the repository. When a piece is missing, a test that needs it skips
and says what is missing, except in CI (the ``CI`` environment variable set and non-empty),
where a missing piece fails the run: CI must never pass by skipping the checks.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("REUSE_SHARED_DIR") or ROOT.parent / "shared")


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def missing(what) -> None:
    """Skip the running test because ``what`` is not available, or fail it in CI."""
    message = f"{what} is not available (set REUSE_SHARED_DIR to the shared/ folder)"
    if in_ci():
        pytest.fail(f"{message}; CI is set, so missing shared data is a failure", pytrace=False)
    pytest.skip(message)


def shared_path(*parts: str) -> Path:
    """The path of ``parts`` under the shared folder; skips (fails in CI) when it is missing."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        missing(path)
    return path

"""The rule for data from ../shared/ (tests/shared.py): a missing piece skips locally and
fails in CI."""

import pytest

from tests import shared


def test_missing_shared_data_skips_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-folder"):
        shared.shared_path("no-such-folder", "file.json")


@pytest.mark.parametrize("value", ["1", "true"])
def test_missing_shared_data_fails_in_ci(monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"no-such-folder.*CI is set"):
        shared.shared_path("no-such-folder", "file.json")


def test_present_shared_data_is_found(monkeypatch, tmp_path):
    (tmp_path / "codejson").mkdir()
    monkeypatch.setattr(shared, "SHARED_DIR", tmp_path)
    monkeypatch.setenv("CI", "1")
    assert shared.shared_path("codejson") == tmp_path / "codejson"

"""The dependency files: what the code imports is declared, and the lock follows the pins.

requirements*.in are edited by hand (direct dependencies); `make lock` compiles them into
requirements*.txt, which pin every package and which `make install` installs.
"""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"catalogue", "reuse", "tests", "bench", "manage"} | {
    # Scripts of bench/ and scripts/ import their neighbours by name.
    path.stem
    for folder in ("bench", "scripts")
    for path in (ROOT / folder).glob("*.py")
}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    found = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[_normal(match.group(1))] = match.group(2)
    return found


def declared(path):
    """The packages a requirements .in file names, following its -r includes."""
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names |= declared(path.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            names.add(_normal(re.split(r"[\[=<>~!; ]", line)[0]))
    return names


@pytest.mark.parametrize(("source", "lock"), [("requirements.in", "requirements.txt"),
                                              ("requirements-dev.in", "requirements-dev.txt")])  # fmt: skip
def test_the_lock_pins_what_the_in_file_pins(source, lock):
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted, source
    stale = {name: (version, locked.get(name)) for name, version in wanted.items()
             if locked.get(name) != version}  # fmt: skip
    assert not stale, f"{lock} is out of date ({source} pin, lock pin): run `make lock`: {stale}"


def test_the_dev_lock_agrees_with_the_runtime_lock():
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def _imported_modules(folders):
    modules = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m not in LOCAL}


@pytest.mark.parametrize(
    ("folders", "requirements"),
    [(["catalogue", "reuse"], "requirements.in"), (["tests", "bench"], "requirements-dev.in")],
    ids=["application", "tests"],
)
def test_every_imported_package_is_declared(folders, requirements):
    names = declared(ROOT / requirements)
    distributions = packages_distributions()
    undeclared = {
        module: distributions.get(module)
        for module in _imported_modules(folders)
        if not {_normal(d) for d in distributions.get(module, [module])} & names
    }
    assert not undeclared, f"imported but not declared in {requirements}: {undeclared}"

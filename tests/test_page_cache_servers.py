"""The page cache across instances: two gunicorn servers on one SQLite file share the database
cache; a page cached by both is replaced at once on both when the catalogue changes through
either (the catalogue's version is in the database, read on every request)."""

import urllib.request

import pytest

from bench.server import ProductionServer

pytestmark = pytest.mark.slow

SETUP = """
from catalogue.models import Component, Institution
owner = Institution.objects.create(name="Owner", slug="owner")
for slug, name, publication in [("shown", "Shown entry", "published"),
                                ("waiting", "Waiting entry", "draft")]:
    Component.objects.create(name=name, slug=slug, kind="service", owner=owner,
        short_description="The first text.", lifecycle="production", publication=publication)
"""

PUBLISH = """
from catalogue.models import Component
from catalogue.review import workflow
workflow.publish(Component.objects.get(slug="waiting"), by=None)
"""

EDIT = """
from catalogue.models import Component
entry = Component.objects.get(slug="shown")
entry.short_description = "The second text."
entry.save()
"""

WITHDRAW = """
from catalogue.models import Component
from catalogue.review import workflow
workflow.unpublish(Component.objects.get(slug="shown"), by=None)
"""


def fetch(server, path):
    # One site name for both, as behind a proxy (pages with absolute links are cached per host).
    request = urllib.request.Request(server.url + path, headers={"Host": "localhost"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), ""


def cached_on_both(servers, path):
    """Read ``path`` on both instances until each answers from the cache."""
    bodies = []
    for server in servers:
        fetch(server, path)
        status, cache, body = fetch(server, path)
        assert (status, cache) == (200, "hit"), (server.url, path, status, cache)
        bodies.append(body)
    return bodies


def test_a_change_through_one_instance_is_seen_at_once_through_the_other(tmp_path):
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    first = ProductionServer(tmp_path / "first", workers=2, threads=2, database_url=database)
    second = ProductionServer(tmp_path / "second", workers=2, threads=2, database_url=database)
    with first, second:
        first.manage("shell", "--no-imports", "-c", SETUP)
        servers = (first, second)
        for body in cached_on_both(servers, "/components/"):
            assert "Shown entry" in body and "Waiting entry" not in body
        assert fetch(second, "/components/waiting/")[0] == 404
        # The first page cached on one instance is the other's too (one shared cache).
        fetch(first, "/components/shown/")
        assert fetch(second, "/components/shown/")[1] == "hit"

        first.manage("shell", "--no-imports", "-c", PUBLISH)  # through one instance's code
        for server in servers:
            assert "Waiting entry" in fetch(server, "/components/")[2]
            assert fetch(server, "/components/waiting/")[0] == 200

        cached_on_both(servers, "/components/shown/")
        second.manage("shell", "--no-imports", "-c", EDIT)  # through the other's
        for server in servers:
            assert "The second text." in fetch(server, "/components/shown/")[2]

        cached_on_both(servers, "/components/shown/")
        first.manage("shell", "--no-imports", "-c", WITHDRAW)
        for server in servers:
            assert fetch(server, "/components/shown/")[0] == 404
            assert "Shown entry" not in fetch(server, "/components/")[2]

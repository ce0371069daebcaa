"""Two application instances on one database serve the same catalogue: the app is stateless.

Starts two gunicorn instances (production settings, DEBUG off) on the same database — a
throw-away PostgreSQL server when PostgreSQL is installed, else one SQLite file — with a small
synthetic catalogue, and checks, through HTTP only:

1. both list the same catalogue;
2. an entry published through the workflow (after both instances served the pages, so a cache
   would hold them) is served by both at once — the check the shared cache must pass;
3. a session opened on one instance is valid on the other (sessions live in the database).

Prints one line per check and exits non-zero when one fails.

    python scripts/two_instances.py [--sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import tempfile
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import servers  # the benchmark's PostgreSQL and gunicorn helpers

PASSWORD = "two-instances-check"  # noqa: S105 (a throw-away account in a throw-away database)


def get(port: int, path: str, cookies: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    return response.status, response, body


def login(port: int) -> dict:
    """Log in to the admin on ``port``; returns the cookies (session and CSRF)."""
    _, response, body = get(port, "/admin/login/")
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    form = urlencode({"username": "checker", "password": PASSWORD, "csrfmiddlewaretoken": token})
    connection.request(
        "POST",
        "/admin/login/?next=/admin/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Referer": f"http://127.0.0.1:{port}/admin/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    cookies.update(_cookies(response))
    return cookies


def _cookies(response) -> dict:
    jar = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {key: morsel.value for key, morsel in jar.items()}


def manage_python(env, code: str) -> str:
    output = servers.manage(env, "shell", "--no-imports", "--command", code).strip()
    return output.splitlines()[-1] if output else ""


def slugs(port: int) -> list[str]:
    status, _, body = get(port, "/api/components/?page_size=100")
    assert status == 200, status
    return [row["slug"] for row in json.loads(body)["results"]]


def check_same_catalogue(env, first, second) -> str:
    a, b = slugs(first.port), slugs(second.port)
    assert a and a == b, "the instances list different catalogues"
    return f"both list the same {len(a)} components on the first API page"


def check_publication_seen_by_both(env, first, second) -> str:
    slug = manage_python(
        env,
        "from catalogue.models import Component; "
        "print(Component.objects.exclude(publication='published').values_list('slug', flat=True)"
        ".first())",
    )
    path = f"/components/{slug}/"
    for server in (first, second):  # both serve the pages first (a cache would now hold them)
        assert get(server.port, path)[0] == 404, "a draft was served"
        get(server.port, "/components/")
        get(server.port, "/api/components/")
    manage_python(
        env,
        "from django.contrib.auth import get_user_model; "
        "from catalogue.models import Component; from catalogue.review import workflow; "
        f"workflow.publish(Component.objects.get(slug='{slug}'), "
        "by=get_user_model().objects.get(username='checker'))",
    )
    for server in (first, second):
        assert get(server.port, path)[0] == 200, f"instance {server.port} misses the publication"
        assert slug in get(server.port, f"/api/components/{slug}/")[2]
    return f"{slug} published through the workflow: served by both instances at once"


def check_session_shared(env, first, second) -> str:
    cookies = login(first.port)
    assert "sessionid" in cookies, "the login on the first instance failed"
    status, _, body = get(second.port, "/admin/", cookies)
    assert status == 200 and "checker" in body, f"the second instance answered {status}"
    return "a session opened on one instance is valid on the other"


# Checks run in this order; the shared-cache work adds its own here.
CHECKS = [check_same_catalogue, check_publication_seen_by_both, check_session_shared]


def run(database_url: str) -> bool:
    env = servers.production_env(database_url, GUNICORN_ACCESS_LOG="")
    servers.manage(env, "migrate", "--noinput")
    servers.manage(env, "createcachetable")
    servers.manage(env, "generate_catalogue", "--components", "200")
    manage_python(
        env,
        "from django.contrib.auth import get_user_model; get_user_model().objects"
        f".create_superuser('checker', 'checker@example.org', '{PASSWORD}')",
    )
    servers.manage(env, "collectstatic", "--noinput")
    ok = True
    with servers.Gunicorn(env, workers=2) as first, servers.Gunicorn(env, workers=2) as second:
        print(f"instances on ports {first.port} and {second.port}, database {database_url}")
        for check in CHECKS:
            try:
                print(f"ok    {check(env, first, second)}")
            except AssertionError as exc:
                ok = False
                print(f"FAIL  {check.__name__}: {exc}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="SQLite even if PostgreSQL is here")
    args = parser.parse_args()
    if not args.sqlite and servers.postgres_bin() is not None:
        with servers.temporary_postgres() as url:
            return 0 if run(url) else 1
    with tempfile.TemporaryDirectory(prefix="reuse-two-") as directory:
        return 0 if run(f"sqlite:///{directory}/reuse.sqlite3") else 1


if __name__ == "__main__":
    sys.exit(main())

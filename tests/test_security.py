"""Nothing unpublished leaks; security headers and CSP; login throttling; demo accounts."""

import io
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from catalogue.models import Component, Publication
from catalogue.review import workflow
from tests import factories
from tests.pagetext import content, facet_links

pytestmark = pytest.mark.django_db

PUBLIC_SURFACES = [
    "/", "/components/", "/components/?q=entry", "/components/?kind=service",
    "/institutions/", "/projects/", "/case-studies/", "/roi/", "/roi/calculator/",
    "/api/components/", "/api/components/?q=entry", "/api/case-studies/", "/api/categories/",
    "/feeds/components.rss", "/feeds/components.atom", "/feeds/case-studies.atom",
    "/catalogue.ttl", "/catalogue.jsonld", "/code.json", "/sitemap.xml",
    "/sitemap-components.xml", "/sitemap-case-studies.xml",
]  # fmt: skip


@pytest.fixture
def unpublished():
    owner = factories.institution(slug="owner-inst", name="Owner Institution")
    category = factories.category(slug="cat", name="Cat")
    # Complete enough for a publiccode.yml, so that export is checked for leaks too.
    public = factories.component(name="Public thing", slug="public-thing", owner=owner,
                                 kind="service", categories=[category], licence="EUPL-1.2",
                                 source_code_url="https://code.example.org/public-thing",
                                 support_name="Jane Doe", long_description="Does it. " * 20,
                                 platforms=["web"])  # fmt: skip
    entries = {
        state: factories.component(
            name=f"Leaky {state} entry",
            slug=f"leaky-{state}",
            owner=owner,
            kind="service",
            publication=state,
            categories=[category],
            short_description=f"leaky {state}",
        )
        for state in (Publication.DRAFT, Publication.SUBMITTED, Publication.REJECTED)
    }
    public.depends_on.set(entries.values())
    public.related.set(entries.values())
    for entry in entries.values():
        entry.depends_on.set([public])
    factories.reuse_year()
    project = factories.project(
        name="Some project", slug="some-project", clients=[owner], new_fp=10
    )
    for entry in entries.values():
        factories.reuse(project, entry, fp=1)
    factories.case_study(
        title="Public story", slug="public-story", institution=owner,
        components=[public, *entries.values()],
    )  # fmt: skip
    factories.case_study(
        title="Leaky submitted story",
        slug="leaky-story",
        institution=owner,
        publication="submitted",
    )
    return public, entries


def test_unpublished_entries_appear_on_no_public_surface(client, unpublished):
    public, _entries = unpublished
    urls = [*PUBLIC_SURFACES, public.get_absolute_url(), "/institutions/owner-inst/",
            "/projects/some-project/", "/case-studies/public-story/", "/api/components/public-thing/",
            "/api/projects/some-project/", "/api/case-studies/public-story/",
            "/api/institutions/owner-inst/", "/institutions/owner-inst/feeds/components.rss",
            f"/components/{public.slug}/publiccode.yml", f"/components/{public.slug}/code.json"]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        body = content(response).decode().lower()
        assert "leaky" not in body, url


def test_facet_counts_ignore_unpublished_entries(client, unpublished):
    html = client.get("/components/", {"owner": "owner-inst"}).content.decode()
    assert "1 component<" in html
    assert facet_links(html, "kind") == {"service": "Service (1)"}


@pytest.mark.parametrize("state", ["draft", "submitted", "rejected"])
def test_unpublished_urls_answer_404(client, unpublished, state):
    for url in [f"/components/leaky-{state}/", f"/api/components/leaky-{state}/",
                f"/components/leaky-{state}/publiccode.yml"]:  # fmt: skip
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url
    assert client.get("/case-studies/leaky-story/").status_code == HTTPStatus.NOT_FOUND


def test_a_pending_change_stays_invisible_until_approved(client, unpublished):
    public, _ = unpublished
    user = get_user_model().objects.create_user("someone")
    workflow.propose_change(
        public,
        data={"short_description": "leaky proposal"},
        base={"short_description": public.short_description},
        base_version=public.version,
        by=user,
    )
    for url in [
        public.get_absolute_url(),
        "/api/components/public-thing/",
        "/components/?q=proposal",
    ]:
        assert "leaky proposal" not in client.get(url).content.decode()
    workflow.publish(public, by=user)
    assert "leaky proposal" in client.get(public.get_absolute_url()).content.decode()


def test_security_headers_and_csp(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_need_no_inline_script(client, demo):
    for url in ["/", "/components/", "/components/archiving-as-a-service/", "/roi/",
                "/roi/calculator/", "/about/", "/api/docs/", "/api/redoc/"]:  # fmt: skip
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag, (url, tag)
            assert chunk.split(">", 1)[1].lstrip().startswith("</script"), url
        assert " onclick=" not in html and " onload=" not in html


def test_admin_login_is_throttled(client, db):
    user = get_user_model().objects.create_user("victim", password="right-password", is_staff=True)
    for _ in range(5):
        client.post(
            "/admin/login/", {"username": "victim", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
    response = client.post(
        "/admin/login/",
        {"username": "victim", "password": "right-password"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS  # django-axes' lockout
    assert "Account locked: too many login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out.
    other = client.post(
        "/admin/login/",
        {"username": "victim", "password": "right-password"},
        REMOTE_ADDR="10.0.0.10",
    )
    assert other.status_code == HTTPStatus.FOUND
    assert str(user.pk) == client.session["_auth_user_id"]


def test_admin_path_is_configurable():
    import subprocess
    import sys

    code = ("import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))")  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            "DJANGO_SETTINGS_MODULE": "reuse.settings",
            "SECRET_KEY": "x",
            "ADMIN_URL": "backoffice-7f3/",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "/backoffice-7f3/", result.stderr


def test_demo_accounts_only_with_debug(settings, demo):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts", stdout=io.StringIO())
    settings.DEBUG = True
    settings.REUSE_DEMO_PASSWORD = "pick-me"
    call_command("create_demo_accounts", stdout=io.StringIO())
    users = get_user_model().objects
    editor = users.get(username="editor")
    assert editor.check_password("pick-me") and editor.is_staff
    a = users.get(username="submitter-a")
    assert list(a.memberships.values_list("institution__slug", flat=True)) == ["onss"]
    assert list(
        users.get(username="submitter-b").memberships.values_list("institution__slug", flat=True)
    ) == ["ehealth"]
    onss = Component.objects.filter(owner__slug="onss")
    assert (
        onss.filter(publication="draft").exists() and onss.filter(publication="published").exists()
    )

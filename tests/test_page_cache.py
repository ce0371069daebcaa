"""Caching that stays correct (catalogue/page_cache.py, catalogue/caching.py): anonymous pages
and facet counts come from the shared cache, and nothing stale or unpublished is ever served
from it. Every check first makes sure the page IS served from the cache, then changes the
catalogue through the workflow and reads the page again."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from catalogue.models import CatalogueState, Component
from catalogue.page_cache import AnonymousPageCacheMiddleware
from catalogue.review import workflow
from tests import factories
from tests.admin_forms import make_user

# The catalogue's version moves after the commit: the tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cached_get(client, path, **params):
    """The page twice: rendered once, then served from the cache (asserted)."""
    first = client.get(path, params)
    second = client.get(path, params)
    assert second.status_code == HTTPStatus.OK, path
    assert second["X-Page-Cache"] == "hit", f"{path} is not cached"
    assert second.content == first.content
    return second.content.decode()


@pytest.fixture
def entry():
    return factories.component(name="Cached entry", short_description="The first text.")


def test_a_published_entry_appears_at_once(client, entry):
    draft = factories.draft_component(name="Waiting entry")
    listing = cached_get(client, "/components/")
    assert "Waiting entry" not in listing
    assert client.get(f"/components/{draft.slug}/").status_code == HTTPStatus.NOT_FOUND
    workflow.publish(draft, by=None)
    assert "Waiting entry" in client.get("/components/").content.decode()
    assert client.get(f"/components/{draft.slug}/").status_code == HTTPStatus.OK


def test_a_withdrawn_entry_is_gone_at_once(client, entry):
    assert "Cached entry" in cached_get(client, f"/components/{entry.slug}/")
    assert "Cached entry" in cached_get(client, "/components/")
    assert "Cached entry" in cached_get(client, "/fr/components/")
    workflow.unpublish(entry, by=None)
    assert client.get(f"/components/{entry.slug}/").status_code == HTTPStatus.NOT_FOUND
    assert "Cached entry" not in client.get("/components/").content.decode()
    assert "Cached entry" not in client.get("/fr/components/").content.decode()


def test_an_edit_of_a_published_entry_shows_at_once(client, entry):
    submitter = make_user("submitter", institutions=[entry.owner])
    editor = make_user("editor", editor=True)
    page = f"/components/{entry.slug}/"
    assert "The first text." in cached_get(client, page)
    assert "The first text." in cached_get(client, "/components/", q="cached")
    # A proposal waiting for review changes nothing public: the cached page stays right.
    pending = workflow.propose_change(
        entry,
        data={"short_description": "The reviewed text."},
        base={"short_description": entry.short_description},
        base_version=entry.version,
        by=submitter,
    )
    assert "The reviewed text." not in cached_get(client, page)
    workflow.approve(pending, by=editor)
    assert "The reviewed text." in client.get(page).content.decode()
    assert "The reviewed text." in client.get("/components/", {"q": "cached"}).content.decode()
    # An editor's direct save too.
    entry.refresh_from_db()
    entry.short_description = "The editor text."
    entry.save()
    assert "The editor text." in client.get(page).content.decode()


def test_a_draft_never_appears_even_after_an_editor_viewed_the_pages(client, entry):
    draft = factories.draft_component(name="Secret draft", owner=entry.owner)
    editor = make_user("editor", editor=True)
    editor_client = type(client)()
    editor_client.force_login(editor)
    pages = ["/components/", f"/institutions/{entry.owner.slug}/", "/components/?q=secret"]
    for path in pages:
        response = editor_client.get(path)
        assert response.status_code == HTTPStatus.OK
        assert not response.has_header("X-Page-Cache"), "an editor's page went through the cache"
    # The admin's preview of the draft is the editor's alone.
    assert editor_client.get(f"/admin/catalogue/component/{draft.pk}/change/").status_code == 200
    for path in pages:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", f"{path}: an editor's page was stored"
        assert "Secret draft" not in response.content.decode()
        assert "Secret draft" not in cached_get(client, path)


def test_facet_counts_follow_the_catalogue(client, entry):
    category = factories.category(name="Cached category")
    entry.categories.add(category)
    listing = cached_get(client, "/components/", q="entry")
    assert "Cached category" in listing
    other = factories.draft_component(name="Second entry", categories=[category])
    assert cached_get(client, "/components/", q="entry") == listing  # a draft changes nothing
    workflow.publish(other, by=None)
    response = client.get("/components/", {"q": "entry", "category": category.slug})
    assert "2 components" in response.content.decode()


def queries_for(client, path, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response["X-Page-Cache"] == "miss"
    return len(queries)


def test_facets_are_cached_by_version_and_language(client, entry):
    factories.component(name="Another entry", categories=[factories.category()])
    client.get("/components/", {"q": "entry"})
    # Another page number: a page-cache miss, whose facet counts come from the cache...
    with_cached_facets = queries_for(client, "/components/", {"q": "entry", "page": "2"})
    # ... unless the catalogue changed: then they are counted again.
    factories.component(name="Third entry")
    assert queries_for(client, "/components/", {"q": "entry", "page": "2"}) > with_cached_facets
    french = client.get("/fr/components/", {"q": "entry"})
    assert french["X-Page-Cache"] == "miss" and french["Content-Language"] == "fr"


def test_a_cached_page_costs_two_queries(client, entry, django_assert_max_num_queries):
    cached_get(client, f"/components/{entry.slug}/")
    with django_assert_max_num_queries(2):  # the catalogue's version, the cache entry
        assert client.get(f"/components/{entry.slug}/")["X-Page-Cache"] == "hit"


def test_conditional_get_of_a_cached_page(client, entry):
    page = f"/components/{entry.slug}/"
    cached_get(client, page)
    etag = client.get(page)["ETag"]
    assert client.get(page, HTTP_IF_NONE_MATCH=etag).status_code == HTTPStatus.NOT_MODIFIED
    entry.short_description = "A new text."
    entry.save()
    changed = client.get(page, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == HTTPStatus.OK and changed["ETag"] != etag


def test_visitors_with_a_session_or_messages_bypass_the_cache(client, entry):
    page = f"/components/{entry.slug}/"
    cached_get(client, page)
    client.cookies["sessionid"] = "whatever"
    assert not client.get(page).has_header("X-Page-Cache")
    del client.cookies["sessionid"]
    client.cookies["messages"] = "x"
    assert not client.get(page).has_header("X-Page-Cache")


def test_no_cached_page_holds_a_csrf_token(client, entry):
    """Whatever forms the layout grows (a sign-up form in the footer...), a page with a CSRF
    token is never stored: every page a visitor reads twice is either re-rendered or free of
    tokens."""
    factories.case_study(components=[entry])
    paths = [
        "/", "/about/", "/components/", f"/components/{entry.slug}/", "/institutions/",
        f"/institutions/{entry.owner.slug}/", "/projects/", "/case-studies/",
        "/roi/calculator/", "/roi/method/", "/fr/", "/nl/components/",
    ]  # fmt: skip
    for path in paths:
        client.get(path)
        again = client.get(path)
        assert again.status_code == HTTPStatus.OK, path
        if again.get("X-Page-Cache") == "hit":
            assert b"csrfmiddlewaretoken" not in again.content, path


def test_a_response_that_used_a_csrf_token_is_not_stored(entry):
    """The rule itself, on a page that asks for a token (as ``{% csrf_token %}`` does)."""
    factory = RequestFactory()
    rendered = []

    def page_with_a_form(request):
        rendered.append(get_token(request))
        return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={rendered[-1]}></form>")

    middleware = AnonymousPageCacheMiddleware(page_with_a_form)
    for _visitor in range(2):
        request = factory.get("/about/")
        request.resolver_match = resolve("/about/")
        request.COOKIES = {}
        assert middleware.process_view(request, None, (), {}) is None  # never a hit
        response = middleware(request)
        assert not response.has_header("X-Page-Cache")
    assert len(rendered) == 2


def test_the_api_and_the_admin_are_never_cached(client, entry):
    client.get("/api/components/")
    assert not client.get("/api/components/").has_header("X-Page-Cache")
    client.get("/admin/login/")
    assert not client.get("/admin/login/").has_header("X-Page-Cache")


def test_any_public_write_moves_the_version(entry):
    before = CatalogueState.current().version
    Component.objects.get(pk=entry.pk).save()
    assert CatalogueState.current().version > before

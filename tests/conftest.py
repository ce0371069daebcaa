import contextlib

import pytest
from django.conf import settings as django_settings

from tests import demo_snapshot


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_servers():
    # SecurityMiddleware reads SECURE_SSL_REDIRECT when it is built, which for the live server
    # happens once per session, before any per-test override.
    original = django_settings.SECURE_SSL_REDIRECT
    django_settings.SECURE_SSL_REDIRECT = False
    yield
    django_settings.SECURE_SSL_REDIRECT = original


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Tests run with production settings (DEBUG off) but over plain HTTP and without the
    # collectstatic manifest.
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Hashing a password the production way takes a quarter of a second; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages are tested (and their queries counted) as rendered; tests/test_page_cache.py turns
    # the anonymous page and facet cache on.
    settings.PAGE_CACHE_SECONDS = 0


def _clear_cache():
    from django.core.cache import caches

    # RuntimeError: no database for this test. The shared cache lives in the database
    # (settings.CACHES), so this test cannot have used it.
    with contextlib.suppress(RuntimeError):
        for alias in caches:  # the default cache and the page cache
            caches[alias].clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # API throttling counts requests in the cache: every test starts with a clean count.
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture(scope="session")
def _demo_loaded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_snapshot.capture()


@pytest.fixture
def demo(_demo_loaded_once, db):
    """The demo catalogue of the 2020 report: what the real loader writes, loaded once per
    session and written again for each test (tests/demo_snapshot.py). Returns its summary."""
    return demo_snapshot.restore()


@pytest.fixture(autouse=True)
def _default_language():
    # A request activates its page's language in this thread and Django leaves it active:
    # every test starts (and ends) in the default language, whatever the previous one visited.
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)

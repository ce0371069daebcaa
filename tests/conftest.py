import contextlib

import pytest
from django.conf import settings as django_settings


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


def _clear_cache():
    from django.core.cache import cache

    # RuntimeError: no database for this test. The shared cache lives in the database
    # (settings.CACHES), so this test cannot have used it.
    with contextlib.suppress(RuntimeError):
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # API throttling counts requests in the cache: every test starts with a clean count.
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def demo(db):
    """The demo catalogue of the 2020 report, loaded through the real loader."""
    from catalogue.demo import load_demo

    return load_demo()

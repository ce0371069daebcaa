"""Finding 6: throttling and lockout that hold behind proxies and cannot be turned against an
editor. The client address comes from X-Forwarded-For only when TRUSTED_PROXY_COUNT says how
many proxies of ours append to it; the API has no HTTP Basic authentication; the login lockout
is per username and client address. (Across worker processes: tests/test_server.py.)"""

import base64
import subprocess
import sys
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "roi-calculate": "3/minute"}
    )


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "not an address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(settings, count, forwarded, expected):
    from reuse.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_rotating_forwarded_for_header_does_not_escape_the_limit(client, low_rates):
    codes = [
        client.get("/api/categories/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(6)
    ]
    assert codes[:3] == [200] * 3 and codes[3:] == [HTTPStatus.TOO_MANY_REQUESTS] * 3


def test_behind_a_proxy_each_client_has_its_own_count(client, low_rates, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    spoofing = [
        client.get(
            "/api/categories/", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7", **proxy
        ).status_code
        for n in range(5)
    ]
    assert spoofing[-1] == HTTPStatus.TOO_MANY_REQUESTS
    other = client.get("/api/categories/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert other.status_code == HTTPStatus.OK


def basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def test_the_api_has_no_basic_authentication(client):
    get_user_model().objects.create_user("victim", password="right-password", is_staff=True)
    for _ in range(8):
        response = client.get("/api/categories/", **basic("victim", "wrong"))
        assert response.status_code == HTTPStatus.OK  # ignored: the API is public
    assert not AccessAttempt.objects.exists()  # no password was checked
    assert "WWW-Authenticate" not in client.get("/api/components/nosuch/")
    # The editor can still log in.
    response = client.post("/admin/login/", {"username": "victim", "password": "right-password"})
    assert response.status_code == HTTPStatus.FOUND


def login(client, password, **meta):
    return client.post("/admin/login/", {"username": "victim", "password": password}, **meta)


def test_behind_a_proxy_a_stranger_cannot_lock_an_editor_out(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user("victim", password="right-password", is_staff=True)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(8):  # the stranger fails, and rotates a spoofed prefix
        login(client, "wrong", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.66", **proxy)
    locked = login(client, "right-password", HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert locked.status_code in (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.FORBIDDEN)
    client.logout()
    editor = login(client, "right-password", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert editor.status_code == HTTPStatus.FOUND


def test_without_trusted_proxies_a_forwarded_header_does_not_escape_the_lockout(client):
    get_user_model().objects.create_user("victim", password="right-password", is_staff=True)
    for n in range(6):
        login(client, "wrong", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
    locked = login(
        client, "right-password", REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert locked.status_code in (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.FORBIDDEN)


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "django.core.cache.backends.db.DatabaseCache"),
        ({"REDIS_URL": "redis://cache:6379/0"}, "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_shared(env, backend):
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            "DJANGO_SETTINGS_MODULE": "reuse.settings",
            "SECRET_KEY": "x",
            "PATH": "/usr/bin",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == backend, result.stderr

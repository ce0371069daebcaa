"""A small cache-based rate limiter for the public forms.

Fixed windows: the first hit in a window creates a counter that expires with it. Identifiers
(addresses, e-mails) are hashed before they become cache keys. Limits are "N/second|minute|
hour|day" strings from settings.COMMUNITY_RATE_LIMITS.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from reuse.client_ip import client_ip as proxy_aware_client_ip

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def client_ip(request) -> str:
    """The address a request comes from, behind trusted proxies too (TRUSTED_PROXY_COUNT):
    the same rule as the API throttles and the login lockout."""
    return proxy_aware_client_ip(request) or "unknown"


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        count, _slash, period = text.partition("/")
        return cls(int(count), _PERIODS[period.strip().rstrip("s")])


def rate_for(scope: str) -> Rate:
    return Rate.parse(settings.COMMUNITY_RATE_LIMITS[scope])


def hit(scope: str, identifier: str) -> bool:
    """Count one use of ``scope`` by ``identifier``; False when it is over the limit."""
    rate = rate_for(scope)
    window = int(time.time() // rate.seconds)
    digest = hashlib.sha256(f"{scope}:{identifier}".encode()).hexdigest()[:32]
    key = f"reuse:ratelimit:{scope}:{digest}:{window}"
    # add() only creates the counter if absent; incr() is atomic on Redis and close enough on
    # the database cache (a few extra requests at worst).
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    return count <= rate.count

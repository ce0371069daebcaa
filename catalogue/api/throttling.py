"""API throttles that count per client address as ``reuse.client_ip`` defines it (the same
rule django-axes uses for the login lockout), in the shared cache (settings.CACHES), so the
limit holds across worker processes.

With the database cache, a request's count is read and written in one transaction: exact on
SQLite (transactions take the write lock when they begin), and on PostgreSQL at worst a few
requests over the limit when they arrive at the same instant. DRF reads then writes the count
(no atomic increment), so Redis counts the same way.
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import router, transaction
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

from reuse.client_ip import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        backend = caches[DEFAULT_CACHE_ALIAS]  # what self.cache, a proxy, stands for
        if isinstance(backend, DatabaseCache):
            with transaction.atomic(using=router.db_for_write(backend.cache_model_class)):
                return super().allow_request(request, view)
        return super().allow_request(request, view)


class AnonThrottle(ClientAddressMixin, AnonRateThrottle):
    pass


class ScopedThrottle(ClientAddressMixin, ScopedRateThrottle):
    pass

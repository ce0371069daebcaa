"""API throttles that count per client address as ``reuse.client_ip`` defines it (the same
rule django-axes uses for the login lockout), in the shared cache."""

from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle

from reuse.client_ip import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)


class AnonThrottle(ClientAddressMixin, AnonRateThrottle):
    pass


class ScopedThrottle(ClientAddressMixin, ScopedRateThrottle):
    pass

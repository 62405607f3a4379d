"""The API's rate limit: requests per client address, counted in the default cache.

The cache is Redis when ``REDIS_URL`` is set, so every worker and every server share
one counter per client; the address is the one our proxies vouch for
(``newsroom.network.client_ip``), not a forgeable header.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from newsroom.network import client_ip


class ClientRateThrottle(SimpleRateThrottle):
    scope = "client"
    cache_format = "api:v1:throttle:%(ident)s"

    def get_rate(self):
        # Read on every request, so a deployment (or a test) can change it without a restart.
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"ident": client_ip(request)}

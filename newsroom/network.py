"""The client's address behind our own proxies, decided in one place.

nginx (and a load balancer in front of it, when there is one) appends the address
it saw to ``X-Forwarded-For``. Only the last ``TRUSTED_PROXY_COUNT`` entries were
written by machines we run; anything to their left came from the client and can
be forged. With ``TRUSTED_PROXY_COUNT = 0`` the TCP peer (REMOTE_ADDR) is the client.
"""

import ipaddress

from django.conf import settings


def _valid(candidate):
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    header = request.META.get(settings.CLIENT_IP_HEADER, "")
    hops = [hop for hop in (part.strip() for part in header.split(",")) if hop]
    if len(hops) < trusted:
        # Fewer hops than proxies: the request did not come through them all.
        return remote
    return _valid(hops[-trusted]) or remote

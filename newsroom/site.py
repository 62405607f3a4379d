"""The site's absolute address: ``settings.SITE_URL``, or in development the address
the page was actually served on.

Production builds every absolute URL (canonical links, feeds, sitemaps, share links,
the printed address) on ``SITE_URL`` and never on the request's Host header. In
development (``newsroom.settings.dev`` without a ``SITE_URL`` in the environment)
``newsroom.devtools.ServedAddressMiddleware`` records the scheme, host and port each
request came to, so ``make run PORT=8803`` links to :8803.
"""

from contextvars import ContextVar

from django.conf import settings

_served = ContextVar("newsroom_served_site_url", default=None)


def site_url():
    return _served.get() or settings.SITE_URL


def serve_from(url):
    """Use url (scheme://host[:port]) for this request; returns a token for reset()."""
    return _served.set(url.rstrip("/"))


def reset(token):
    _served.reset(token)

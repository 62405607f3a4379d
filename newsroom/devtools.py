"""Development-only middleware, installed by ``newsroom.settings.dev`` and never in
production.

- ``ServedAddressMiddleware``: absolute URLs follow the host and port the page was
  served on (``newsroom.site``), unless ``SITE_URL`` is set in the environment.
- ``SiteNotFoundMiddleware``: with ``DEBUG`` on, Django answers a missing page with
  its English debug page; this shows the site's own Vietnamese 404 page instead, as
  readers will see it. ``?debug-404`` on the address brings Django's page back (it
  lists the URL patterns tried).
"""

from django.conf import settings
from django.views.defaults import page_not_found

from newsroom import site

# A phrase of Django's technical 404 page (django/views/templates/technical_404.html).
_DEBUG_404_MARK = b"NONE,NOARCHIVE"


class ServedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "SITE_URL_FOLLOWS_REQUEST", False):
            return self.get_response(request)
        # get_host() is checked against ALLOWED_HOSTS first: a forged Host is refused.
        token = site.serve_from(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            site.reset(token)


class SiteNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and "debug-404" not in request.GET
            and not getattr(response, "streaming", False)
            and _DEBUG_404_MARK in response.content
        ):
            return page_not_found(request, None)
        return response

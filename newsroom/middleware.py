"""Request policy applied before any view: methods, body size, headers, database faults.

Every check here runs in the middleware's request phase, which Django completes for
the whole stack before any ``process_view``; CsrfViewMiddleware reads a POST body in
``process_view``, so an oversized body is refused before anything reads it.
"""

import logging

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template import loader
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
from django.views.defaults import bad_request

from newsroom import views

logger = logging.getLogger(__name__)

READ_METHODS = ("GET", "HEAD")
WRITE_METHODS = ("POST",)


def is_write_path(path):
    """Paths whose views accept a POST: the admin and the editor's endpoints."""
    return path.startswith(tuple(settings.WRITE_PATH_PREFIXES))


class AllowedMethodsMiddleware:
    """GET and HEAD everywhere; POST only under ``WRITE_PATH_PREFIXES``; nothing else.

    TRACE, PUT, DELETE, OPTIONS and invented methods get a 405 before routing, so no
    view has to remember to refuse them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        method = request.method
        if method in READ_METHODS:
            return self.get_response(request)
        writable = is_write_path(request.path_info)
        if method in WRITE_METHODS and writable:
            return self.get_response(request)
        allowed = [*READ_METHODS, *WRITE_METHODS] if writable else list(READ_METHODS)
        return HttpResponseNotAllowed(allowed)


def _size(count):
    if count >= 1024 * 1024:
        return f"{number_format(count / (1024 * 1024), 1)} MB"
    return f"{number_format(count / 1024, 0)} KB"


class BodySizeLimitMiddleware:
    """413 for a body over the limit: small for anonymous requests, larger for staff.

    The declared Content-Length is checked before the body is read, so an anonymous
    300 MB POST costs nothing. A body sent without a length (chunked) is not read by
    Django at all. nginx (``client_max_body_size``) and gunicorn (``limit_request_*``)
    enforce the staff limit in front of this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            return HttpResponse("Content-Length không hợp lệ.", status=400)
        if length > settings.REQUEST_BODY_LIMIT_ANONYMOUS:
            limit = self._limit_for(request)
            if length > limit:
                return self._too_large(length, limit)
        return self.get_response(request)

    @staticmethod
    def _limit_for(request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return settings.REQUEST_BODY_LIMIT_ANONYMOUS
        # The same cached user AuthenticationMiddleware will hand to the view.
        user = get_user(request)
        if user.is_active and user.is_staff:
            return settings.REQUEST_BODY_LIMIT_STAFF
        return settings.REQUEST_BODY_LIMIT_ANONYMOUS

    @staticmethod
    def _too_large(length, limit):
        logger.warning("Refused a %d-byte request body (limit %d)", length, limit)
        body = loader.render_to_string("413.html", {"size": _size(length), "limit": _size(limit)})
        response = HttpResponse(body, status=413, content_type="text/html; charset=utf-8")
        # The client is still sending; tell it not to reuse the connection.
        response["Connection"] = "close"
        return response


class PrivateAnswersMiddleware:
    """Staff pages (the admin, the editor's endpoints, preview links) are never stored by a
    browser or any cache on the way: ``Cache-Control: private, no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = (*settings.STAFF_PATH_PREFIXES, "/xem-truoc/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(self.prefixes):
            patch_cache_control(response, private=True, no_store=True)
        return response


class PermissionsPolicyMiddleware:
    """Turns off browser features no page of ours uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers the Vietnamese 503 page with Retry-After.

    Failures outside views (a session read in a middleware) reach ``handler500``,
    which makes the same decision (``newsroom.views.server_error``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, views.DATABASE_UNAVAILABLE):
            logger.error("Database unavailable: %s", exception)
            return views.service_unavailable(request)
        return None


class BadInputMiddleware:
    """Input a view could not take answers the Vietnamese 400 page, never a 500.

    Our own views validate what they read (forms with Vietnamese messages). The admin is
    Django's code, and some of what a URL can carry there fails deep inside it: a year
    of eleven digits in the date filter overflows ``datetime``, a ``_selected_action``
    of "abc" reaches the database as an id. On staff paths a ``ValueError`` or
    ``ValidationError`` out of a view is such input; an ``OverflowError`` is, anywhere.
    Each is logged with its traceback, so a real fault still shows in the logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        staff_path = request.path_info.startswith(tuple(settings.STAFF_PATH_PREFIXES))
        if isinstance(exception, OverflowError) or (
            staff_path and isinstance(exception, ValueError | ValidationError)
        ):
            logger.warning("Bad input on %s: %r", request.path_info, exception, exc_info=True)
            return bad_request(request, exception)
        return None

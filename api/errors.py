"""Every error the API answers, as JSON in Vietnamese: ``{"detail": …, "errors": {…}}``.

``errors`` (bad parameters only) names each offending parameter with its messages.
Errors are never cached by a CDN or a browser (``Cache-Control: no-store``): a 429 or
a 404 must not be served to someone else, or outlive a publication.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import patch_cache_control
from rest_framework import exceptions
from rest_framework.views import exception_handler

INVALID = "Tham số không hợp lệ."
MESSAGES = {
    exceptions.NotFound: "Không tìm thấy.",
    exceptions.NotAcceptable: "API chỉ trả lời JSON (application/json).",
    exceptions.ParseError: "Yêu cầu không đọc được.",
    exceptions.UnsupportedMediaType: "API không nhận nội dung gửi lên.",
    exceptions.PermissionDenied: "Không được phép.",
    exceptions.NotAuthenticated: "Không được phép.",
}


def message(exc):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        return INVALID
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is None:
            return "Quá nhiều yêu cầu. Xin thử lại sau ít phút."
        return f"Quá nhiều yêu cầu. Xin thử lại sau {max(1, round(exc.wait))} giây."
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "API chỉ đọc: chỉ nhận GET và HEAD."
    for kind, text in MESSAGES.items():
        if isinstance(exc, kind):
            return text
    return "Yêu cầu không thực hiện được."


def handler(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # a crash: Django's 500 handler answers
    body = {"detail": message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"": response.data}
        body["errors"] = {name: [str(m) for m in _flat(found)] for name, found in errors.items()}
    response.data = body
    patch_cache_control(response, no_store=True)
    return response


def _flat(found):
    if isinstance(found, list | tuple):
        for item in found:
            yield from _flat(item)
    elif isinstance(found, dict):
        for item in found.values():
            yield from _flat(item)
    else:
        yield found

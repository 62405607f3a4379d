"""Who is signed in where, session expiry by inactivity, and signing out everywhere."""

import time
from importlib import import_module

from django.conf import settings

from newsroom.network import client_ip

from .models import SignInSession

# The session is written at most once a minute to push its expiry forward.
TOUCH_INTERVAL = 60
LAST_SEEN_KEY = "_last_seen"


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def record_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    request.session[LAST_SEEN_KEY] = int(time.time())
    SignInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip_address": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )


def forget_sign_in(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        key = request.session.session_key
        if key:
            SignInSession.objects.filter(session_key=key).delete()


def sign_out_elsewhere(user, keep_session_key):
    """End every session of ``user`` except ``keep_session_key``; returns how many."""
    store = _store()
    others = SignInSession.objects.filter(user=user).exclude(session_key=keep_session_key)
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    others.delete()
    return len(keys)


class SessionActivityMiddleware:
    """Pushes a signed-in session's expiry forward while it is used.

    ``SESSION_COOKIE_AGE`` is the idle timeout: a session unused that long has
    expired in the store and the next request is anonymous. Requests without a
    session cookie are not looked at, so readers' pages stay cookie-free.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = request.session
            if session.get("_auth_user_id"):
                now = int(time.time())
                if now - session.get(LAST_SEEN_KEY, 0) >= TOUCH_INTERVAL:
                    session[LAST_SEEN_KEY] = now
        return self.get_response(request)

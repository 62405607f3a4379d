"""Signing in to the benchmark server as a browser does (the admin and upload benchmarks)."""

import secrets


def new_password(user):
    """Give ``user`` a fresh password hashed as production checks it (PBKDF2: the test
    settings' MD5 hasher is not one production accepts); return it."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    password = secrets.token_urlsafe(16)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])
    return password


def sign_in(browser, username, password):
    """The admin's sign-in form, posted by a ``load.Browser`` that then holds the session."""
    status, _, _, _ = browser.request("GET", "/admin/login/?next=/admin/")
    assert status == 200, f"login page: HTTP {status}"
    status, headers, body, _ = browser.post_form(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )
    assert status == 302 and headers.get("Location") == "/admin/", (
        f"sign-in refused: HTTP {status}, {body[:300]!r}"
    )

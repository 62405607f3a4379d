"""Methods, body sizes and headers, decided before any view runs."""

import io

import pytest
from django.test import Client

from tests.newsroom import uploads

pytestmark = pytest.mark.django_db

UPLOAD = "/soan-thao/tai-anh/"
HUGE = 300 * 1024 * 1024


class UnreadableBody(io.BytesIO):
    """A request body that records whether anything read it."""

    def __init__(self):
        super().__init__(b"x" * 1024)
        self.was_read = False

    def read(self, *args):
        self.was_read = True
        return super().read(*args)

    def readline(self, *args):
        self.was_read = True
        return super().readline(*args)


def post_declaring(client, path, length, body=None):
    body = body or UnreadableBody()
    response = client.generic(
        "POST",
        path,
        data=b"x",
        content_type="multipart/form-data; boundary=ranh-gioi",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
    )
    return response, body


# --- methods ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"])
@pytest.mark.parametrize("path", ["/", "/rss/", "/tim-kiem/?q=an+ninh", "/sitemap.xml"])
def test_public_pages_answer_only_get_and_head(client, method, path):
    response = client.generic(method, path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", ["/", "/rss/", "/cum-thi-dua/"])
def test_a_post_to_a_public_page_is_refused(client, path):
    response = client.post(path, {"q": "x"})
    assert response.status_code == 405


@pytest.mark.parametrize("path", ["/", "/rss/"])
def test_head_is_answered_like_get(client, path):
    assert client.head(path).status_code == 200


def test_trace_is_refused_in_the_admin_too(admin_client):
    response = admin_client.generic("TRACE", "/admin/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_the_view_beacon_path_takes_posts(client):
    # The readers' view beacon (/doc/<id>/) is POST; whatever answers there is not a 405.
    assert client.post("/doc/999999/").status_code != 405


def test_the_admin_still_takes_posts(client, editor):
    response = client.post(
        "/admin/login/", {"username": "bientap", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 302


def test_the_editor_upload_still_takes_posts(client, editor):
    client.force_login(editor)
    upload = uploads.jpeg("anh.jpg")
    response = client.post(UPLOAD, {"upload": upload})
    assert response.status_code == 200
    assert "url" in response.json()


# --- body size ---------------------------------------------------------------------------


def test_an_anonymous_huge_body_is_refused_before_anything_reads_it():
    browser = Client(enforce_csrf_checks=True)
    response, body = post_declaring(browser, UPLOAD, HUGE)
    assert response.status_code == 413
    assert not body.was_read
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert response["Connection"] == "close"


def test_an_anonymous_body_over_the_small_limit_is_refused(settings):
    response, body = post_declaring(Client(), "/admin/login/", 200 * 1024)
    assert response.status_code == 413
    assert not body.was_read


def test_an_anonymous_small_post_passes_to_csrf(settings):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403  # CSRF's answer: the body got past the limit


def test_staff_may_send_a_photo_sized_body(client, editor):
    client.force_login(editor)
    large = uploads.jpeg("lon.jpg", size=(400, 300), noisy=True)
    assert large.size > 64 * 1024
    response = client.post(UPLOAD, {"upload": large})
    assert response.status_code == 200


def test_staff_bodies_over_the_staff_limit_are_refused(client, editor):
    client.force_login(editor)
    response, body = post_declaring(client, UPLOAD, HUGE)
    assert response.status_code == 413
    assert not body.was_read


def test_a_nonsense_content_length_is_a_400():
    response, body = post_declaring(Client(), "/admin/login/", "nhieu")
    assert response.status_code == 400
    assert not body.was_read


# --- headers ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/rss/", "/khong-co-trang-nay/", "/admin/login/"])
def test_every_response_sends_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


def test_refusals_send_the_permissions_policy_too(client):
    assert "camera=()" in client.generic("TRACE", "/")["Permissions-Policy"]

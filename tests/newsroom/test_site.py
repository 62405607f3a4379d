from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from newsroom.models import Publisher
from tests.articles.factories import SectionFactory

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response["Retry-After"]


def test_base_page_is_vietnamese_with_skip_link_and_landmarks(client):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert 'href="#noi-dung"' in html
    assert '<main id="noi-dung"' in html
    assert "<header" in html
    assert "<footer" in html


def test_footer_shows_publisher_details_edited_by_staff(client):
    Publisher.objects.create(
        site_name="Cổng thông tin Công an tỉnh Hà Tĩnh",
        governing_body="Công an tỉnh Hà Tĩnh",
        responsible_person="Đại tá Trần Văn B",
        address="Thành phố Hà Tĩnh",
        phone="0239 123 456",
        email="lienhe@example.vn",
    )
    html = client.get("/").content.decode()
    assert "Cổng thông tin Công an tỉnh Hà Tĩnh" in html
    assert "Cơ quan chủ quản" in html
    assert "Công an tỉnh Hà Tĩnh" in html
    assert "Người chịu trách nhiệm" in html
    assert "Đại tá Trần Văn B" in html
    assert 'href="tel:0239123456"' in html


def test_publisher_text_is_cleaned_on_save():
    publisher = Publisher.objects.create(site_name="\ufeffCông an\u00a0 tỉnh\u200b Nghệ An ")
    assert publisher.site_name == "Công an tỉnh Nghệ An"


def test_menu_lists_top_level_sections_in_order(client):
    second = SectionFactory(name="An ninh trật tự", position=2)
    first = SectionFactory(name="Tin tức – Sự kiện", position=1)
    SectionFactory(name="Ẩn", position=0, is_in_menu=False)
    SectionFactory(name="Mục con", position=0, parent=first)
    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Chuyên mục"') :]
    nav = nav[: nav.index("</nav>")]
    assert nav.index(first.name) < nav.index(second.name)
    assert "Ẩn" not in nav
    assert "Mục con" not in nav
    assert 'href="/chuyen-muc/tin-tuc-su-kien/"' in nav


def test_unknown_page_gets_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_is_vietnamese(client):
    from django.template.loader import render_to_string

    assert "Hệ thống đang gặp sự cố" in render_to_string("500.html")


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_public_pages_send_a_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_admin_login_is_in_vietnamese(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert "Đăng nhập" in html


def test_section_page_uses_server_made_slug(client):
    section = SectionFactory(name="Đời sống – Pháp luật")
    assert section.slug == "doi-song-phap-luat"
    assert client.get(section.get_absolute_url()).status_code == 200


def test_section_slug_gets_a_numeric_suffix_when_taken():
    SectionFactory(name="An ninh trật tự")
    again = SectionFactory(name="An ninh trật tự")
    assert again.slug == "an-ninh-trat-tu-2"

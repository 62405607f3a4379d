"""The masthead every public page carries: emblem or logo, name, date, hotline, menu."""

import pytest

from newsroom.models import Publisher
from tests.newsroom.test_branding import png, save

pytestmark = pytest.mark.django_db


def test_masthead_shows_the_uploaded_logo_or_the_default_emblem(
    admin_client, client, django_capture_on_commit_callbacks
):
    html = client.get("/").content.decode()
    assert "img/emblem.svg" in html
    # The cached publisher details are purged once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        save(admin_client, png())
    publisher = Publisher.objects.get()
    html = client.get("/").content.decode()
    assert f'src="{publisher.logo.url}"' in html
    assert "img/emblem.svg" not in html


def test_masthead_shows_the_hotline_as_a_phone_link(client):
    Publisher.objects.create(site_name="Công an tỉnh Nghệ An", hotline="0238.3 844 113")
    html = client.get("/").content.decode()
    assert 'href="tel:02383844113"' in html
    assert "Đường dây nóng" in html
    assert "0238.3 844 113" in html


def test_date_is_left_to_the_readers_clock_so_a_cached_page_is_never_stale(client):
    html = client.get("/").content.decode()
    assert '<span class="today" data-today></span>' in html
    assert "js/site.js" in html


def test_menu_leads_to_the_records(client):
    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Chuyên mục"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'href="/cum-thi-dua/"' in nav
    assert "Cụm thi đua" in nav

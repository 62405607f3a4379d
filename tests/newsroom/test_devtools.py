"""Development that tells the truth: the served address, and the site's own 404."""

import importlib
import sys

import pytest

pytestmark = pytest.mark.django_db

DEV_MIDDLEWARE = [
    "newsroom.devtools.ServedAddressMiddleware",
    "newsroom.devtools.SiteNotFoundMiddleware",
]


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_FOLLOWS_REQUEST = True
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    settings.MIDDLEWARE = [DEV_MIDDLEWARE[0], *settings.MIDDLEWARE, DEV_MIDDLEWARE[1]]
    return settings


def test_absolute_urls_follow_the_port_served_in_development(development, client):
    from tests.articles.factories import ArticleFactory

    article = ArticleFactory(published=True)
    html = client.get(article.get_absolute_url(), HTTP_HOST="127.0.0.1:8803").content.decode()
    canonical = f'<link rel="canonical" href="http://127.0.0.1:8803{article.get_absolute_url()}">'
    assert canonical in html
    assert f"Địa chỉ bài viết: http://127.0.0.1:8803{article.get_absolute_url()}" in html
    assert ":8000" not in html
    feed = client.get("/rss/", HTTP_HOST="127.0.0.1:8803").content.decode()
    assert f"http://127.0.0.1:8803{article.get_absolute_url()}" in feed
    robots = client.get("/robots.txt", HTTP_HOST="localhost:8803").content.decode()
    assert "Sitemap: http://localhost:8803/sitemap.xml" in robots


def test_a_set_site_url_wins(development, client):
    development.SITE_URL_FOLLOWS_REQUEST = False
    development.SITE_URL = "https://congan.example.vn"
    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1:8803").content.decode()
    assert "Sitemap: https://congan.example.vn/sitemap.xml" in robots


def test_production_never_takes_the_address_from_the_request(client, settings):
    settings.SITE_URL = "https://congan.example.vn"
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://congan.example.vn/sitemap.xml" in robots
    assert "testserver" not in robots


def test_a_mistyped_address_in_development_shows_the_sites_404(development, client):
    response = client.get("/chuyen-muc/khong-co-muc-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Page not found" not in html
    response = client.get("/dia-chi-go-sai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_debug_404_brings_back_djangos_page(development, client):
    response = client.get("/dia-chi-go-sai/?debug-404")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_dev_settings_install_both(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    sys.modules.pop("newsroom.settings.dev", None)
    dev = importlib.import_module("newsroom.settings.dev")
    assert dev.MIDDLEWARE[0] == DEV_MIDDLEWARE[0]
    assert dev.MIDDLEWARE[-1] == DEV_MIDDLEWARE[1]
    assert dev.SITE_URL_FOLLOWS_REQUEST is True
    monkeypatch.setenv("SITE_URL", "https://congan.example.vn")
    sys.modules.pop("newsroom.settings.dev", None)
    assert importlib.import_module("newsroom.settings.dev").SITE_URL_FOLLOWS_REQUEST is False

"""HTTP behaviour of the API: validators and 304s, Cache-Control, the purged server copy,
no cookies, CORS when configured, and the per-client rate limit."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import NOW, make_article
from tests.articles.factories import ArticleFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"


@pytest.fixture
def article(linked):
    return make_article(linked, "Công an Nghệ An ra quân", published=True)


def test_an_answer_carries_validators_and_public_cache_control(api, article):
    response = api.get(ARTICLES)
    assert response["ETag"].startswith('"') and len(response["ETag"]) == 34
    assert response["Last-Modified"] == "Fri, 27 Nov 2026 03:05:00 GMT"
    assert response["Cache-Control"] == (
        "public, max-age=60, s-maxage=60, stale-while-revalidate=30"
    )


@pytest.mark.parametrize("method", ["get", "head"])
def test_an_unchanged_answer_is_304_by_etag(api, article, method):
    etag = api.get(f"{ARTICLES}{article.pk}/")["ETag"]
    response = getattr(api, method)(f"{ARTICLES}{article.pk}/", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_an_unchanged_answer_is_304_by_date_and_a_changed_one_is_200(
    api, article, time_machine, django_capture_on_commit_callbacks
):
    first = api.get(ARTICLES)
    since = first["Last-Modified"]
    assert api.get(ARTICLES, headers={"If-Modified-Since": since}).status_code == 304
    time_machine.move_to(NOW + dt.timedelta(minutes=1), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(section=article.section, published=True)
    changed = api.get(ARTICLES, headers={"If-Modified-Since": since, "If-None-Match": "x"})
    assert changed.status_code == 200
    assert len(changed.json()["results"]) == 2
    assert api.get(ARTICLES, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_the_server_copy_answers_without_the_database(api, article):
    api.get(f"{ARTICLES}{article.pk}/")
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{ARTICLES}{article.pk}/")
    assert response.status_code == 200
    assert len(queries) == 0


def test_a_record_change_purges_the_server_copy(api, article, django_capture_on_commit_callbacks):
    unit = article.units.get()
    assert api.json(f"/api/v1/units/{unit.pk}/")["name"] == "Công an tỉnh Nghệ An"
    with django_capture_on_commit_callbacks(execute=True):
        unit.name = "Công an tỉnh Nghệ An (mới)"
        unit.save()
    assert api.json(f"/api/v1/units/{unit.pk}/")["name"] == "Công an tỉnh Nghệ An (mới)"
    assert api.json(f"{ARTICLES}{article.pk}/")["units"][0]["name"] == unit.name


def test_a_caption_fixed_in_the_library_purges_the_article(
    api, article, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    type(article).objects.filter(pk=article.pk).update(cover=photo)
    assert api.json(f"{ARTICLES}{article.pk}/")["cover"]["caption"] == "Toàn cảnh Hội nghị."
    with django_capture_on_commit_callbacks(execute=True):
        photo.caption = "Toàn cảnh Hội nghị sơ kết."
        photo.save()
    assert api.json(f"{ARTICLES}{article.pk}/")["cover"]["caption"] == "Toàn cảnh Hội nghị sơ kết."


def test_no_copy_outlives_the_next_scheduled_publication(api, article, time_machine):
    soon = ArticleFactory(
        section=article.section, status="published", published_at=NOW + dt.timedelta(seconds=40)
    )
    response = api.get(ARTICLES)
    assert [item["id"] for item in response.json()["results"]] == [article.pk]
    assert response["Cache-Control"] == "public, max-age=40, s-maxage=40"
    time_machine.move_to(soon.published_at, tick=False)
    assert [item["id"] for item in api.json(ARTICLES)["results"]] == [soon.pk, article.pk]


def test_no_copy_outlives_the_next_expiry(api, article, time_machine):
    type(article).objects.filter(pk=article.pk).update(expires_at=NOW + dt.timedelta(seconds=80))
    assert api.get(ARTICLES)["Cache-Control"] == "public, max-age=60, s-maxage=60"
    time_machine.move_to(NOW + dt.timedelta(seconds=80), tick=False)
    assert api.json(ARTICLES)["results"] == []


def test_answers_set_no_cookie_and_do_not_vary_on_it(api, article, editor):
    for path in [ARTICLES, f"{ARTICLES}{article.pk}/", "/api/v1/schema/", "/api/v1/zzz/"]:
        response = api.get(path)
        assert not response.cookies, path
        assert "cookie" not in response.get("Vary", "").lower(), path


def test_a_signed_in_editor_sees_only_public_data_too(api, linked, editor):
    draft = make_article(linked, "Bản nháp của toà soạn")
    api.force_login(editor)
    assert api.get(f"{ARTICLES}{draft.pk}/").status_code == 404
    assert api.json(ARTICLES)["results"] == []


def test_errors_are_never_kept_by_a_cache(api, db):
    response = api.get(f"{ARTICLES}1/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


# --- CORS ----------------------------------------------------------------------------------

ORIGIN = "https://ungdung.example.vn"


def test_cors_is_off_by_default(api, article):
    response = api.get(ARTICLES, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response


def test_cors_answers_the_origins_configured(api, article, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = api.get(ARTICLES, headers={"Origin": ORIGIN})
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in response["Access-Control-Expose-Headers"]
    other = api.get(ARTICLES, headers={"Origin": "https://khac.example.vn"})
    assert "Access-Control-Allow-Origin" not in other
    preflight = api.options(
        ARTICLES,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == ORIGIN
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


def test_cors_never_reaches_the_public_pages(api, article, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    response = api.get(article.get_absolute_url(), headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response
    assert api.options("/", headers={"Origin": ORIGIN}).status_code == 405


# --- rate limit ---------------------------------------------------------------------------


def test_a_client_over_the_limit_gets_a_vietnamese_429(api, article, settings):
    settings.API_RATE_LIMIT = "3/min"
    for _ in range(3):
        assert api.get(ARTICLES).status_code == 200  # cached answers count too
    refused = api.get(ARTICLES)
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Quá nhiều yêu cầu. Xin thử lại sau ")
    assert refused.json()["detail"].endswith(" giây.")
    assert int(refused["Retry-After"]) > 0
    assert refused["Cache-Control"] == "no-store"
    assert api.get(ARTICLES, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_the_limit_counts_the_address_our_proxies_vouch_for(api, article, settings):
    settings.API_RATE_LIMIT = "1/min"
    settings.TRUSTED_PROXY_COUNT = 1
    first = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert api.get(ARTICLES, **first).status_code == 200
    forged = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 198.51.100.1"}
    assert api.get(ARTICLES, **forged).status_code == 429
    other = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert api.get(ARTICLES, **other).status_code == 200


def test_no_limit_when_the_setting_is_empty(api, article, settings):
    settings.API_RATE_LIMIT = None
    assert all(api.get(ARTICLES).status_code == 200 for _ in range(150))


def test_answers_name_the_two_methods_the_api_takes(api, article):
    assert api.get(ARTICLES)["Allow"] == "GET, HEAD"

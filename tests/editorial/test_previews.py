import datetime as dt

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from editorial import previews
from editorial.models import PreviewLink
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import admin_url

pytestmark = pytest.mark.django_db

TITLE = "Công an Quảng Trị chuẩn bị sơ kết thi đua"


@pytest.fixture
def draft(editor):
    return ArticleFactory(title=TITLE, lead="Sapo bản nháp chưa đăng.")


@pytest.fixture
def link(draft, editor):
    return previews.create_preview_link(draft, editor, note="Phòng Tham mưu")


def test_a_valid_link_shows_the_draft_with_the_preview_banner(client, link):
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{TITLE}</h1>" in html
    assert "Bản xem trước" in html


def test_the_preview_is_never_cached_nor_indexed(client, link):
    response = client.get(link.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_the_preview_does_not_leak_its_address_to_other_sites(client, link):
    assert client.get(link.get_absolute_url())["Referrer-Policy"] == "no-referrer"


def test_a_link_lasts_48_hours_by_default(draft, editor):
    with time_machine.travel(dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC), tick=False):
        link = previews.create_preview_link(draft, editor)
    assert link.expires_at == dt.datetime(2026, 11, 29, 3, 0, tzinfo=dt.UTC)


def test_a_link_works_until_just_before_it_expires(client, draft, editor):
    start = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        link = previews.create_preview_link(draft, editor, dt.timedelta(hours=24))
    with time_machine.travel(start + dt.timedelta(hours=24, seconds=-1), tick=False):
        assert client.get(link.get_absolute_url()).status_code == 200


def test_an_expired_link_stops_working(client, draft, editor):
    start = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        link = previews.create_preview_link(draft, editor, dt.timedelta(hours=24))
    with time_machine.travel(start + dt.timedelta(hours=24), tick=False):
        response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert TITLE not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_revoked_link_stops_working(client, link, editor):
    previews.revoke_preview_link(link, editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert TITLE not in response.content.decode()


def test_a_tampered_signature_is_refused(client, link):
    token = link.token
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(f"/xem-truoc/{forged}/")
    assert response.status_code == 404
    assert TITLE not in response.content.decode()


def test_a_token_signed_for_another_purpose_is_refused(client, link):
    # Same key, another salt: what a signed value from elsewhere in the site would be.
    forged = signing.dumps(link.pk, salt="articles.something-else", compress=True)
    assert client.get(f"/xem-truoc/{forged}/").status_code == 404


def test_the_token_carries_a_signature(link):
    payload = link.token.rpartition(":")[0]
    assert PreviewLink.pk_from_token(payload) is None


def test_a_reporter_cannot_create_a_preview_link(draft, reporter):
    with pytest.raises(PermissionDenied):
        previews.create_preview_link(draft, reporter)


def test_a_crafted_post_from_a_reporter_creates_no_link(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    response = client.post(admin_url("preview_links", article), {"lifetime": "48"})
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()


def test_an_editor_chooses_the_lifetime_in_the_admin(client, draft, editor):
    client.force_login(editor)
    with time_machine.travel(dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC), tick=False):
        response = client.post(
            admin_url("preview_links", draft), {"lifetime": "168", "note": "Gửi Phòng PV01"}
        )
    assert response.status_code == 302
    link = PreviewLink.objects.get()
    assert link.expires_at == dt.datetime(2026, 12, 4, 3, 0, tzinfo=dt.UTC)
    assert link.note == "Gửi Phòng PV01"


def test_an_editor_revokes_a_link_in_the_admin(client, link, editor):
    client.force_login(editor)
    client.post(admin_url("revoke_preview", link.article, link.pk))
    link.refresh_from_db()
    assert link.revoked_by == editor
    assert not link.is_active()


def test_lifetime_beyond_thirty_days_is_refused(draft, editor):
    with pytest.raises(previews.WorkflowError):
        previews.create_preview_link(draft, editor, dt.timedelta(days=31))


# --- Never listed anywhere public -----------------------------------------------------

PUBLIC_LISTS = ["/", "/tim-kiem/?q=quang+tri+so+ket", "/rss/", "/sitemap.xml"]


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_a_draft_with_a_live_preview_link_is_in_no_public_list(client, link, draft, url):
    published = ArticleFactory(title="Công an Quảng Trị sơ kết thi đua đã đăng", published=True)
    html = client.get(url).content.decode()
    assert draft.slug not in html
    assert link.token not in html
    assert TITLE not in html
    # The list itself works: the published article next to the draft is there.
    assert published.slug in html or url == "/sitemap.xml"


def test_the_draft_section_page_does_not_list_the_preview(client, link, draft):
    html = client.get(draft.section.get_absolute_url()).content.decode()
    assert TITLE not in html


def test_the_draft_address_itself_stays_closed_to_the_reviewer(client, link, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_preview_link_shows_the_article_as_it_is_now(client, link, draft):
    draft.title = "Tiêu đề đã sửa sau khi gửi liên kết"
    draft.save()
    assert (
        "Tiêu đề đã sửa sau khi gửi liên kết"
        in client.get(link.get_absolute_url()).content.decode()
    )


def test_is_active_on_both_sides_of_expiry(link):
    assert link.is_active(link.expires_at - dt.timedelta(seconds=1))
    assert not link.is_active(link.expires_at)
    assert not link.is_active(timezone.now() + dt.timedelta(days=3))

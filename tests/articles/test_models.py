import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, ArticleSlug
from tests.articles.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 10, 5, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "published_at", "expires_at", "state"),
    [
        (Article.Status.PUBLISHED, NOW - HOUR, None, "published"),
        (Article.Status.PUBLISHED, NOW + HOUR, None, "scheduled"),
        (Article.Status.DRAFT, NOW - HOUR, None, None),
        (Article.Status.DRAFT, NOW + HOUR, None, None),
        (Article.Status.REVIEW, NOW - HOUR, None, None),
        (Article.Status.UNPUBLISHED, NOW - HOUR, None, None),
        (Article.Status.UNPUBLISHED, NOW - 2 * HOUR, NOW - HOUR, None),
        (Article.Status.PUBLISHED, NOW - 2 * HOUR, NOW - HOUR, "expired"),
        (Article.Status.PUBLISHED, NOW - 2 * HOUR, NOW + HOUR, "published"),  # expires later
        (Article.Status.PUBLISHED, NOW + HOUR, NOW + 2 * HOUR, "scheduled"),
        (Article.Status.PUBLISHED, NOW, None, "published"),  # boundary: published_at == now
        (Article.Status.PUBLISHED, NOW - HOUR, NOW, "expired"),  # boundary: expires_at == now
    ],
)
def test_querysets_and_instance_checks_agree(status, published_at, expires_at, state):
    """published()/scheduled()/expired() and is_published()/is_scheduled()/is_expired()."""
    article = ArticleFactory(status=status, published_at=published_at, expires_at=expires_at)
    for name in ("published", "scheduled", "expired"):
        listed = article in getattr(Article.objects, name)(now=NOW)
        assert listed is (state == name), name
        assert getattr(article, f"is_{name}")(now=NOW) is (state == name), name


def test_published_defaults_to_the_current_time(time_machine):
    time_machine.move_to(NOW, tick=False)
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=NOW + HOUR)
    assert not Article.objects.published().exists()
    time_machine.move_to(NOW + HOUR, tick=False)
    assert list(Article.objects.published()) == [article]
    assert article.is_published()


def test_slug_is_made_from_the_title_with_d_for_đ():
    article = ArticleFactory(title="Đại tá Hồ Văn Tứ trình bày báo cáo sơ kết")
    assert article.slug == "dai-ta-ho-van-tu-trinh-bay-bao-cao-so-ket"


def test_slug_is_unique_and_stays_when_the_title_changes():
    first = ArticleFactory(title="Hội nghị sơ kết")
    second = ArticleFactory(title="Hội nghị sơ kết")
    assert second.slug == "hoi-nghi-so-ket-2"
    first.title = "Hội nghị sơ kết 6 tháng đầu năm 2020"
    first.save()
    assert first.slug == "hoi-nghi-so-ket"


def test_typed_slug_is_turned_into_ascii():
    article = ArticleFactory(slug="Cụm thi đua số 5")
    assert article.slug == "cum-thi-dua-so-5"


def test_title_and_source_are_cleaned():
    article = ArticleFactory(title="\ufeffCông an\u00a0 Hà Tĩnh\u200b ", source=" Báo  CAND ")
    assert article.title == "Công an Hà Tĩnh"
    assert article.source == "Báo CAND"


def test_body_is_sanitised_on_save():
    article = ArticleFactory(body='<p onclick="x()">Chào <script>alert(1)</script><b>bạn</b></p>')
    assert article.body == "<p>Chào <b>bạn</b></p>"


def test_lead_is_stored_as_plain_text():
    article = ArticleFactory(lead="<p>Sapo <strong>đậm</strong></p><script>alert(1)</script>")
    assert article.lead == "Sapo đậm"


def test_search_document_is_folded_from_title_lead_and_body():
    article = ArticleFactory(
        title="Công an Thanh Hoá", lead="Sapo", body="<p>Đồng chí <em>Dương Văn Tiến</em></p>"
    )
    assert " cong an thanh hoa " in article.search_all
    assert " dong chi duong van tien " in article.search_all


def test_every_save_bumps_the_version():
    article = ArticleFactory()
    first = article.version
    article.save()
    article.refresh_from_db()
    assert article.version == first + 1


def test_database_refuses_published_without_a_date():
    with pytest.raises(IntegrityError):
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)


def test_database_refuses_expiry_before_publication():
    with pytest.raises(IntegrityError):
        ArticleFactory(published=True, expires_at=timezone.now() - dt.timedelta(days=30))


def test_an_author_signs_an_article_once():
    author = AuthorFactory()
    with pytest.raises(IntegrityError):
        ArticleFactory(authors=[author, author])


def test_state_label_names_scheduled_and_expired():
    assert ArticleFactory(scheduled=True).state_label() == "Đã lên lịch"
    assert ArticleFactory(expired=True).state_label() == "Hết hạn"
    assert ArticleFactory(published=True).state_label() == "Đã duyệt đăng"
    assert ArticleFactory().state_label() == "Bản nháp"


def test_remember_slug_keeps_the_old_address_and_forgets_the_current_one():
    article = ArticleFactory(slug="ten-moi")
    article.remember_slug("ten-cu")
    assert ArticleSlug.objects.get(slug="ten-cu").article == article
    # Going back to the old name must not leave a redirect loop.
    article.slug = "ten-cu"
    article.save()
    article.remember_slug("ten-moi")
    assert list(ArticleSlug.objects.values_list("slug", flat=True)) == ["ten-moi"]


def test_tag_and_author_slugs_keep_d():
    assert TagFactory(name="Đại hội Đảng").slug == "dai-hoi-dang"
    assert AuthorFactory(name="Xuân Bắc").slug == "xuan-bac"


def test_urls_are_vietnamese():
    article = ArticleFactory(title="Tin mới")
    assert article.get_absolute_url() == "/bai-viet/tin-moi/"
    assert TagFactory(name="Ma tuý").get_absolute_url() == "/the/ma-tuy/"
    assert AuthorFactory(name="Trọng Tuấn").get_absolute_url() == "/tac-gia/trong-tuan/"


def test_str_of_models():
    article = ArticleFactory(title="Tiêu đề", authors=[AuthorFactory(name="Trọng Tuấn")])
    assert str(article) == "Tiêu đề"
    assert str(article.authorships.get()) == "Trọng Tuấn (Bài)"
    assert str(TagFactory(name="An ninh")) == "An ninh"


def test_undated_drafts_come_after_dated_articles_on_every_database():
    from tests.articles.factories import ArticleFactory as Factory

    draft = Factory(title="Bản nháp chưa có ngày")
    dated = Factory(published=True, title="Bài đã đăng")
    assert draft.published_at is None
    assert list(Article.objects.all()) == [dated, draft]

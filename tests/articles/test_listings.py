"""The tag and byline lists' own rows (``articles.listings``): every write that changes what
a list shows brings them in step, and a list still checks the article itself."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from articles import editing, listings
from articles.editing import Byline
from articles.models import AuthorListing, TagListing
from tests.articles.factories import ArticleFactory, AuthorFactory, TagFactory
from tests.articles.steps import step

pytestmark = pytest.mark.django_db


def listed(article):
    """(tag names, author names) of the article's list rows."""
    tags = TagListing.objects.filter(article=article).values_list("tag__name", flat=True)
    authors = AuthorListing.objects.filter(article=article).values_list("author__name", flat=True)
    return set(tags), set(authors)


def test_publishing_lists_the_article_under_its_tags_and_bylines(editor):
    article = ArticleFactory(
        tags=[TagFactory(name="Ma tuý")], authors=[AuthorFactory(name="Trọng Tuấn")]
    )
    assert listed(article) == (set(), set())

    step("publish", article, editor)

    assert listed(article) == ({"Ma tuý"}, {"Trọng Tuấn"})
    article.refresh_from_db()
    row = TagListing.objects.get(article=article)
    assert (row.published_at, row.expires_at) == (article.published_at, None)


def test_a_save_moves_the_rows_with_the_tags_bylines_and_expiry(editor):
    article = ArticleFactory(
        published=True, tags=[TagFactory(name="Ma tuý")], authors=[AuthorFactory(name="Xuân Bắc")]
    )
    expires = timezone.now() + dt.timedelta(days=3)

    editing.save_article(
        article,
        editor,
        changes={"expires_at": expires},
        links={"tags": [TagFactory(name="Cao điểm")]},
        bylines=[Byline(AuthorFactory(name="Thanh Sơn"), "")],
        expected_version=article.version,
    )

    assert listed(article) == ({"Cao điểm"}, {"Thanh Sơn"})
    assert TagListing.objects.get(article=article).expires_at == expires


def test_unpublishing_and_deleting_take_the_rows_away(editor):
    tag = TagFactory(name="Ma tuý")
    article = ArticleFactory(published=True, tags=[tag], authors=[AuthorFactory()])
    assert listed(article)[0] == {"Ma tuý"}

    step("unpublish", article, editor)
    assert listed(article) == (set(), set())

    step("publish", article, editor)
    assert listed(article)[0] == {"Ma tuý"}
    editing.delete_article(article, editor)
    assert not TagListing.objects.filter(tag=tag).exists()


def test_the_tag_page_shows_a_scheduled_article_once_its_time_comes(client, editor):
    tag = TagFactory(name="Cao điểm")
    ArticleFactory(published=True, title="Bài đã đăng từ trước", tags=[tag])
    draft = ArticleFactory(title="Bài lên lịch tuần tra", tags=[tag], authors=[AuthorFactory()])
    at = timezone.now() + dt.timedelta(hours=2)
    step("schedule", draft, editor, at=at)
    assert listed(draft)[0] == {"Cao điểm"}

    html = client.get(tag.get_absolute_url()).content.decode()
    assert "Bài đã đăng từ trước" in html
    assert "Bài lên lịch tuần tra" not in html

    with time_machine.travel(at + dt.timedelta(minutes=1)):
        html = client.get(tag.get_absolute_url()).content.decode()
    assert "Bài lên lịch tuần tra" in html


def test_a_row_out_of_step_never_shows_an_article_that_is_not_public(client):
    tag = TagFactory(name="Ma tuý")
    ArticleFactory(published=True, title="Bài công khai", tags=[tag])
    hidden = ArticleFactory(in_review=True, title="Bài đang chờ duyệt", tags=[tag])
    # A row the write path would never leave (as if written by hand).
    TagListing.objects.create(
        tag=tag, article=hidden, published_at=timezone.now() - dt.timedelta(hours=2)
    )

    html = client.get(tag.get_absolute_url()).content.decode()

    assert "Bài công khai" in html
    assert "Bài đang chờ duyệt" not in html


def test_the_lists_are_ordered_by_their_rows_newest_first(client):
    author = AuthorFactory(name="Xuân Bắc")
    now = timezone.now()
    for hours, title in [(5, "Bài cũ nhất"), (1, "Bài mới nhất"), (3, "Bài ở giữa")]:
        ArticleFactory(
            published=True,
            published_at=now - dt.timedelta(hours=hours),
            title=title,
            authors=[author],
        )

    html = client.get(author.get_absolute_url()).content.decode()

    positions = [html.index(title) for title in ("Bài mới nhất", "Bài ở giữa", "Bài cũ nhất")]
    assert positions == sorted(positions)


def test_refilling_everything_gives_the_rows_the_writes_gave(editor):
    tags = [TagFactory(name="Ma tuý"), TagFactory(name="Cao điểm")]
    authors = [AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")]
    ArticleFactory(published=True, tags=tags, authors=authors)
    ArticleFactory(scheduled=True, tags=tags[:1], authors=authors[1:])
    ArticleFactory(in_review=True, tags=tags, authors=authors)

    def rows():
        return (
            set(TagListing.objects.values_list("tag", "article", "published_at", "expires_at")),
            set(
                AuthorListing.objects.values_list("author", "article", "published_at", "expires_at")
            ),
        )

    kept = rows()
    assert len(kept[0]) == 3 and len(kept[1]) == 3
    TagListing.objects.all().delete()
    AuthorListing.objects.all().delete()

    listings.refill()

    assert rows() == kept

"""Numbers on public pages read as Vietnamese write them: "." between thousands."""

import datetime as dt

import pytest
from django.utils import timezone

from articles import listings
from articles import views as article_views
from articles.models import Article
from discovery import search
from discovery import views as search_views
from newsroom import text
from tests.articles.factories import AuthorFactory, SectionFactory, TagFactory

MANY = 1_234


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (12_345, "12.345"), (None, "")],
)
def test_numbers_group_thousands_with_a_dot(value, shown):
    assert text.format_number(value) == shown


def published_articles(count, title="Hà Tĩnh tin số {}", **fields):
    """``count`` public articles in one insert, search documents and all."""
    now = timezone.now()
    articles = []
    for number in range(count):
        article = Article(
            title=title.format(number),
            slug=f"tin-so-{number}",
            lead="Lực lượng Công an tỉnh Hà Tĩnh mở đợt cao điểm.",
            status=Article.Status.PUBLISHED,
            published_at=now - dt.timedelta(minutes=number + 1),
            **fields,
        )
        article.fill_search_documents([])
        articles.append(article)
    return Article.objects.bulk_create(articles)


@pytest.mark.django_db
def test_section_page_numbers_its_pages_with_dots(client, monkeypatch):
    monkeypatch.setattr(article_views.PublicArticleList, "paginate_by", 1)
    section = SectionFactory(name="An ninh trật tự")
    published_articles(MANY, section=section)

    html = client.get(section.get_absolute_url(), {"trang": MANY}).content.decode()

    assert "Trang 1.234/1.234" in html
    assert "– trang 1.234 –" in html


@pytest.mark.django_db
@pytest.mark.parametrize("owner", ["author", "tag"])
def test_author_and_tag_pages_number_their_pages_with_dots(client, monkeypatch, owner):
    monkeypatch.setattr(article_views.PublicArticleList, "paginate_by", 1)
    articles = published_articles(MANY, section=SectionFactory())
    found = AuthorFactory(name="Xuân Bắc") if owner == "author" else TagFactory(name="Ma tuý")
    if owner == "author":
        Article.authors.through.objects.bulk_create(
            Article.authors.through(article=article, author=found, position=0)
            for article in articles
        )
    else:
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article=article, tag=found) for article in articles
        )
    listings.refill()  # as the write path keeps the lists for what it links

    html = client.get(found.get_absolute_url(), {"trang": MANY}).content.decode()
    # Counted only up to LINKED_COUNT_LIMIT: past it no page total is shown.
    assert "Trang 1.234<" in html
    assert "– trang 1.234 –" in html

    monkeypatch.setattr(article_views.LookaheadPaginator, "count_limit", 10_000)
    html = client.get(found.get_absolute_url(), {"trang": MANY}).content.decode()
    assert "Trang 1.234/1.234" in html


@pytest.mark.django_db
def test_search_counts_and_pages_with_dots(client, monkeypatch):
    monkeypatch.setattr(search_views, "PER_PAGE", 1)
    monkeypatch.setattr(search_views, "MAX_PAGE", 10_000)
    monkeypatch.setattr(search, "CANDIDATES", 10_000)
    published_articles(MANY, section=SectionFactory())

    first = client.get("/tim-kiem/", {"q": "ha tinh"}).content.decode()
    last = client.get("/tim-kiem/", {"q": "ha tinh", "trang": MANY}).content.decode()

    assert "Tìm thấy 1.234 bài viết" in first
    assert "Trang 1.234/1.234" in last
    assert "– trang 1.234 –" in last

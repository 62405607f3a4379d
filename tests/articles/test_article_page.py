"""The article page's layout: reading column, reader lists beside it, sharing, print."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache

from articles.models import Article
from tests.articles.factories import ArticleFactory, TagFactory
from tests.clusters.factories import UnitFactory
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)
STATIC = Path(__file__).resolve().parents[2] / "static"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def published(title, hours_ago=1, **kwargs):
    return ArticleFactory(
        title=title,
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(hours=hours_ago),
        **kwargs,
    )


def aside_of(html):
    return html[html.index('<aside class="reader-lists"') : html.index("</aside>")]


def test_related_articles_show_thumbnails_in_a_fixed_number_of_queries(client):
    tag = TagFactory()
    article = published("Bài đang đọc", tags=[tag])
    published("Bài cùng thẻ", hours_ago=2, tags=[tag], cover=PhotoFactory())
    cache.clear()  # the factories write around the write path: nothing was purged
    one = count_queries(lambda: client.get(article.get_absolute_url()))
    for number in range(4):
        published(f"Thêm {number}", hours_ago=3 + number, tags=[tag], cover=PhotoFactory())
    cache.clear()
    assert count_queries(lambda: client.get(article.get_absolute_url())) == one
    aside = aside_of(client.get(article.get_absolute_url()).content.decode())
    related = aside[aside.index('class="related-articles"') :]
    assert related.count("<picture>") == 5
    assert related.count('alt=""') == 5


def test_the_articles_records_stand_beside_the_text(client):
    unit = UnitFactory(name="Công an tỉnh Nghệ An")
    article = published("Bài về đơn vị")
    article.units.add(unit)
    html = client.get(article.get_absolute_url()).content.decode()
    article_text = html[html.index('<article class="article">') : html.index("</article>\n")]
    assert "Hồ sơ liên quan" not in article_text
    aside = aside_of(html)
    assert "Hồ sơ liên quan" in aside
    assert f'href="{unit.get_absolute_url()}"' in aside


def test_share_buttons_are_one_kind_of_button(client):
    html = client.get(published("Bài chia sẻ").get_absolute_url()).content.decode()
    share = html[html.index('class="share no-print"') : html.index('class="share-status"')]
    for kind in ("share-facebook", "share-zalo", "share-copy", "share-print"):
        assert f'class="share-button {kind}"' in share


def test_list_dates_break_only_between_their_parts(client):
    tag = TagFactory()
    article = published("Bài đang đọc", tags=[tag])
    published("Bài thứ ba", hours_ago=24, tags=[tag])  # 26/11/2026 is a Thursday
    aside = aside_of(client.get(article.get_absolute_url()).content.decode())
    assert "Thứ\u00a0Năm, 26/11/2026" in aside


def test_print_carries_the_site_name_and_logo():
    print_css = (STATIC / "css" / "print.css").read_text()
    hidden = print_css[: print_css.index("{")]
    assert ".site-header" not in hidden
    assert ".brand-logo" in print_css
    assert ".brand-name" in print_css
    assert ".topbar" in hidden and ".navbar" in hidden

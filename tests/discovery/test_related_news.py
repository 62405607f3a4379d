"""``{% related_news record %}``, the record pages' list of news about the record."""

import datetime as dt

import pytest
from django.template import Context, Template

from tests.articles.factories import ArticleFactory
from tests.clusters.factories import UnitFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_related_news_tag_lists_only_published_articles_newest_first():
    unit = UnitFactory()
    older = ArticleFactory(published=True, published_at=NOW - dt.timedelta(days=2))
    newer = ArticleFactory(published=True)
    draft = ArticleFactory()
    for article in (older, newer, draft):
        article.units.add(unit)
    html = Template("{% load discovery %}{% related_news unit %}").render(Context({"unit": unit}))
    assert html.index(newer.title) < html.index(older.title)
    assert draft.title not in html

"""Querysets compiled to SQL once (newsroom.frozensql) give what they would give."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Authorship
from editorial.admin import articles as article_admin
from newsroom.frozensql import STAND_IN, FrozenSQL
from tests.articles.factories import ArticleFactory, AuthorFactory, TagFactory
from tests.clusters.factories import EventFactory
from tests.editorial.article_form import change_url

pytestmark = pytest.mark.django_db


def tags_of(pk):
    return Article(pk=pk).tags._apply_rel_filters(Article.tags.rel.model.objects.all())


def events_of(pk):
    rows = Article.events.rel.model.objects.select_related("cluster")
    return Article(pk=pk).events._apply_rel_filters(rows.all())


def test_rows_are_the_querysets_for_each_article():
    first = ArticleFactory(tags=[TagFactory(name="Ma tuý"), TagFactory(name="Giao thông")])
    second = ArticleFactory(tags=[TagFactory(name="Cháy nổ")])
    frozen = FrozenSQL(tags_of)
    for article in (first, second, first):
        queryset = article.tags._apply_rel_filters(Article.tags.rel.model.objects.all())
        assert frozen.fetch(queryset, article.pk) == list(queryset.all())
    assert frozen._compiled[connection.alias] is not None


def test_the_sql_is_compiled_once_and_run_with_each_id():
    articles = [ArticleFactory(tags=[TagFactory()]) for _ in range(2)]
    frozen = FrozenSQL(tags_of)
    frozen.fetch(tags_of(articles[0].pk), articles[0].pk)
    compiled = frozen._compiled[connection.alias]
    with CaptureQueriesContext(connection) as queries:
        rows = frozen.fetch(tags_of(articles[1].pk), articles[1].pk)
    assert rows == list(articles[1].tags.all())
    assert len(queries) == 1
    assert frozen._compiled[connection.alias] is compiled
    assert str(STAND_IN) not in queries[0]["sql"]


def test_related_rows_come_with_the_row():
    event = EventFactory()
    article = ArticleFactory()
    article.events.add(event)
    frozen = FrozenSQL(events_of)
    (row,) = frozen.fetch(events_of(article.pk), article.pk)
    with CaptureQueriesContext(connection) as queries:
        assert row.cluster == event.cluster
    assert not queries


@pytest.mark.parametrize("build", [tags_of, events_of], ids=["join", "select_related"])
def test_later_querysets_are_not_compiled_again(build, monkeypatch):
    """Once compiled, a shape's querysets skip Django's compiler, select_related ones
    too (compiling the first adds its joins to it: its outline is taken before)."""
    from django.db.models.sql.compiler import SQLCompiler

    articles = [ArticleFactory() for _ in range(3)]
    for article in articles:
        article.events.add(EventFactory())
        article.tags.add(TagFactory())
    frozen = FrozenSQL(build)
    frozen.fetch(build(articles[0].pk), articles[0].pk)
    compiled = []
    as_sql = SQLCompiler.as_sql

    def counted(compiler, *args, **kwargs):
        compiled.append(compiler.query.model)
        return as_sql(compiler, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    for article in articles[1:]:
        rows = frozen.fetch(build(article.pk), article.pk)
        assert rows == list(build(article.pk)) and len(rows) == 1
    assert len(compiled) == 2  # the two comparisons' querysets, not the fetches'


def test_a_queryset_of_another_shape_is_compiled_as_usual():
    article = ArticleFactory(tags=[TagFactory(name="An ninh"), TagFactory(name="Ma tuý")])
    frozen = FrozenSQL(tags_of)
    narrower = tags_of(article.pk).filter(name__startswith="An")
    assert [tag.name for tag in frozen.fetch(narrower, article.pk)] == ["An ninh"]
    assert frozen._compiled[connection.alias] is None
    assert len(frozen.fetch(tags_of(article.pk), article.pk)) == 2


def test_the_change_form_shows_each_articles_own_links(client, editor):
    """The form's relation queries run compiled once: each article shows its own."""
    article_admin._relations.cache_clear()
    first = ArticleFactory(
        tags=[TagFactory(name="Ma tuý")], authors=[AuthorFactory(name="Trọng Tuấn")]
    )
    second = ArticleFactory(
        tags=[TagFactory(name="Cháy nổ")], authors=[AuthorFactory(name="Xuân Bắc")]
    )
    client.force_login(editor)
    for article, tag, other, author in (
        (first, "Ma tuý", "Cháy nổ", "Trọng Tuấn"),
        (second, "Cháy nổ", "Ma tuý", "Xuân Bắc"),
    ):
        page = client.get(change_url(article)).text
        assert f">{tag}</option>" in page
        assert f">{other}</option>" not in page
        assert f">{author}</option>" in page
    for name, (_rows, frozen) in article_admin._relations().items():
        assert frozen._compiled[connection.alias] is not None, name
    assert Authorship.objects.count() == 2


def test_an_editors_form_fetches_the_article_compiled_once_a_reporters_as_usual(
    client, editor, reporter
):
    from django.test.utils import CaptureQueriesContext

    frozen = article_admin._EDITORS_ARTICLE
    frozen._compiled.clear()
    mine = ArticleFactory(created_by=reporter, title="Bài của phóng viên")
    other = ArticleFactory(title="Bài của người khác")
    client.force_login(editor)
    for article in (mine, other):
        assert f'value="{article.title}"' in client.get(change_url(article)).text
    assert frozen._compiled[connection.alias] is not None
    assert client.get(change_url(Article(pk=other.pk + 1000))).status_code == 302
    # A reporter's query keeps their visibility filter: another's draft is not found.
    client.force_login(reporter)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(change_url(other)).status_code == 302
    assert any('"articles_article"."created_by_id"' in q["sql"] for q in queries)
    assert f'value="{mine.title}"' in client.get(change_url(mine)).text


def test_a_queryset_given_another_filter_later_is_compiled_as_usual():
    article = ArticleFactory(tags=[TagFactory(name="An ninh"), TagFactory(name="Ma tuý")])
    frozen = FrozenSQL(tags_of)
    assert len(frozen.fetch(tags_of(article.pk), article.pk)) == 2
    narrower = tags_of(article.pk).filter(name__startswith="Ma")
    assert [tag.name for tag in frozen.fetch(narrower, article.pk)] == ["Ma tuý"]
    assert [tag.name for tag in frozen.fetch(narrower.order_by("-name"), article.pk)] == ["Ma tuý"]
    assert frozen._compiled[connection.alias] is not None


@pytest.mark.parametrize("first", [True, False])
def test_an_id_out_of_range_finds_nothing(first, client, editor):
    """First compiled or not: the form of an id no row can have redirects, as Django's."""
    huge = 10**20
    frozen = article_admin._EDITORS_ARTICLE
    frozen._compiled.clear()
    client.force_login(editor)
    if not first:
        ArticleFactory()  # compiled by a form first
        client.get(change_url(Article.objects.get()))
        assert frozen._compiled[connection.alias] is not None
    response = client.get(f"/admin/articles/article/{huge}/change/")
    assert response.status_code == 302
    assert frozen.fetch(Article.objects.filter(pk=huge), huge) == []


def test_a_related_managers_waiting_filter_is_not_built_and_its_instance_is_known():
    """Once compiled, a byline query runs without building the related manager's
    filter, and each row knows its article without a query."""
    rows = Authorship.objects.select_related("author")

    def bylines_of(pk):
        return Article(pk=pk).authorships._apply_rel_filters(rows.all())

    first, second = (ArticleFactory(authors=[AuthorFactory()]) for _ in range(2))
    frozen = FrozenSQL(bylines_of)
    frozen.fetch(bylines_of(first.pk), first.pk)
    queryset = second.authorships._apply_rel_filters(rows.all())
    assert queryset._deferred_filter is not None
    with CaptureQueriesContext(connection) as queries:
        (byline,) = frozen.fetch(queryset, second.pk)
        assert byline.article is second
        author = byline.author
    assert len(queries) == 1
    assert queryset._deferred_filter is not None  # never built
    assert (byline.pk, author.name) == (
        second.authorships.get().pk,
        second.authorships.get().author.name,
    )


def bylines_filtered(pk):
    return Authorship.objects.filter(article_id=pk)


@pytest.mark.parametrize(
    "change",
    [
        lambda qs: qs.prefetch_related("author"),
        lambda qs: qs.values("role"),
        lambda qs: qs.select_for_update(),
    ],
    ids=["prefetch", "values", "for_update"],
)
def test_a_queryset_that_is_not_plain_rows_is_run_as_usual(change, monkeypatch):
    """Prefetching, values and locking are not part of the outline: such a queryset is
    run as usual, never through the frozen SQL."""
    from django.db import transaction

    import newsroom.frozensql

    article = ArticleFactory(authors=[AuthorFactory()])
    frozen = FrozenSQL(bylines_filtered)
    frozen.fetch(bylines_filtered(article.pk), article.pk)
    assert frozen._compiled[connection.alias] is not None

    def frozen_path(query_class):
        raise AssertionError("the frozen path ran")

    monkeypatch.setattr(newsroom.frozensql, "_frozen", frozen_path)
    with transaction.atomic():
        rows = frozen.fetch(change(bylines_filtered(article.pk)), article.pk)
        assert rows == list(change(bylines_filtered(article.pk)))
    with pytest.raises(AssertionError, match="frozen path"):
        frozen.fetch(bylines_filtered(article.pk), article.pk)

"""What an import leaves on the public page: record links on first mention, and the
glossary's abbreviations explained on first use, at no extra query per request."""

import datetime
import re

import pytest

from articles import bodies, workflow
from importer import abbreviations, importing, sources
from importer.models import Abbreviation
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

TEXT = (
    "Cụm thi đua số 5 ký kết giao ước thi đua năm 2020\n"
    "Sáng 12/3, các đơn vị trong Cụm thi đua số 5 ký kết giao ước thi đua năm 2020.\n"
    "Cụm thi đua số 5 gồm Công an các tỉnh Bắc Trung Bộ; Công an tỉnh Nghệ An giữ vững ANTT.\n"
    "Công an tỉnh Nghệ An làm trưởng cụm; Cụm thi đua số 5 thống nhất giữ vững ANTT.\n"
    "Trọng Tuấn"
)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_use_of_an_abbreviation_is_explained(client):
    article = ArticleFactory(published=True, body="<p>Giữ vững ANTT.</p><p>Bảo đảm ANTT.</p>")
    html = page(client, article.get_absolute_url())
    assert html.count('<abbr title="an ninh trật tự">ANTT</abbr>') == 1


def test_the_meaning_follows_the_context(client):
    article = ArticleFactory(
        published=True, body="<p>Đại tá Lê Văn A, TP Tham mưu, nói về TP Vinh.</p>"
    )
    html = page(client, article.get_absolute_url())
    assert '<abbr title="Trưởng phòng">TP</abbr>' in html


def test_a_glossary_change_shows_on_the_next_request(client, django_capture_on_commit_callbacks):
    article = ArticleFactory(published=True, body="<p>Công tác XDLL được chú trọng.</p>")
    assert '<abbr title="xây dựng lực lượng">XDLL</abbr>' in page(
        client, article.get_absolute_url()
    )
    entry = Abbreviation.objects.get(letters="XDLL")
    entry.expansion = "xây dựng lực lượng Công an nhân dân"
    # The cached page is purged once the change commits.
    with django_capture_on_commit_callbacks(execute=True):
        entry.save()
    assert '<abbr title="xây dựng lực lượng Công an nhân dân">XDLL</abbr>' in page(
        client, article.get_absolute_url()
    )
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert "<abbr" not in page(client, article.get_absolute_url())


def test_the_glossary_adds_no_query_to_a_warm_article_page(client):
    article = ArticleFactory(published=True, body="<p>Giữ vững ANTT.</p>")
    url = article.get_absolute_url()
    page(client, url)  # warm the caches (most read, the glossary)
    with_glossary = count_queries(lambda: page(client, url))
    bodies.unregister(abbreviations.annotate_public)
    try:
        without = count_queries(lambda: page(client, url))
    finally:
        bodies.register(abbreviations.annotate_public)
    assert with_glossary == without


def test_an_imported_article_links_each_record_on_its_first_mention(
    client, reporter, editor, records
):
    section = SectionFactory()
    staging = importing.stage(sources.read_text(TEXT), datetime.date(2020, 3, 12), "text", "")
    decisions = importing.default_decisions(staging, section.pk)
    article = importing.create_draft(staging, reporter, decisions)
    workflow.perform("submit", article, reporter, expected_version=article.version)
    workflow.perform("publish", article, editor, expected_version=article.version)
    html = page(client, article.get_absolute_url())
    body = html[html.index('class="article-body"') : html.index('class="article-footer"')]
    assert len(re.findall(r'<a href="/[^"]+">Cụm thi đua số 5</a>', body)) == 1
    assert len(re.findall(r'<a href="/[^"]+">Công an tỉnh Nghệ An</a>', body)) == 1
    # The link sits on the first mention in the body, not a later one.
    first = body.index("Cụm thi đua số 5")
    assert body[:first].endswith('">')
    assert body.count('<abbr title="an ninh trật tự">ANTT</abbr>') == 1
    assert "Hồ sơ liên quan" in html

"""A save refused because the article moved on (published, submitted) while its author
typed: a Vietnamese page that shows everything typed, never a bare "403 Forbidden"."""

import pytest

from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.editorial.article_form import change_url, form_data, open_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("moved_on", ["publish", "submit"])
def test_a_save_landing_after_the_article_moved_on_shows_what_was_typed(
    client, reporter, editor, moved_on
):
    article = ArticleFactory(created_by=reporter, lead="Sapo cũ", body="<p>Nội dung cũ</p>")
    version = open_form(client, reporter, article)
    step(moved_on, article, editor if moved_on == "publish" else reporter)

    response = client.post(
        change_url(article),
        form_data(
            article,
            loaded_version=version,
            title="Tiêu đề phóng viên vừa gõ",
            lead="Sapo <vừa> gõ & chưa lưu",
            body="<p>Đoạn mới của phóng viên</p>",
        ),
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="vi"' in page and "403 Forbidden" not in page
    assert "Bài chưa được lưu" in page
    assert "Tiêu đề phóng viên vừa gõ" in page
    assert "Sapo &lt;vừa&gt; gõ &amp; chưa lưu" in page  # shown as text, escaped
    assert "&lt;p&gt;Đoạn mới của phóng viên&lt;/p&gt;" in page
    article.refresh_from_db()
    assert article.title != "Tiêu đề phóng viên vừa gõ"


def test_any_other_refusal_is_a_vietnamese_page_too(client, reporter, other_reporter):
    article = ArticleFactory(created_by=other_reporter, published=True)
    client.force_login(reporter)

    response = client.post(change_url(article), form_data(article, title="Thử sửa"))

    assert response.status_code == 403
    assert "Bài chưa được lưu" in response.content.decode()


def test_a_refused_get_stays_the_plain_403_page_in_vietnamese(client, records_officer):
    client.force_login(records_officer)
    response = client.get("/admin/articles/article/add/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không được phép" in page and "403 Forbidden" not in page

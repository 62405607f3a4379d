"""Old addresses are reserved: an article's old slug keeps redirecting to it.

A new article whose title gives another article's old slug gets the next free one
("-2"); a slug typed over another article's old address is refused with a Vietnamese
message, the form kept as typed; an article may take back its own old address.
"""

import pytest
from django.core.exceptions import ValidationError

from articles import editing
from articles.models import Article, ArticleSlug
from tests.articles.factories import ArticleFactory, SectionFactory
from tests.editorial.article_form import change_url, form_data

pytestmark = pytest.mark.django_db

TITLE = "Hội nghị sơ kết Cụm thi đua số 5"
OLD = "hoi-nghi-so-ket-cum-thi-dua-so-5"


@pytest.fixture
def moved():
    """A published article that used to live at OLD and now lives elsewhere."""
    article = ArticleFactory(published=True, title=TITLE, slug="so-ket-6-thang-cum-5")
    article.remember_slug(OLD)
    return article


def test_a_title_giving_an_old_address_gets_the_next_free_slug(moved, client):
    article = ArticleFactory(title=TITLE)

    assert article.slug == f"{OLD}-2"
    response = client.get(f"/bai-viet/{OLD}/")
    assert (response.status_code, response["Location"]) == (301, moved.get_absolute_url())


def test_the_write_path_refuses_a_typed_old_address(moved, editor):
    article = ArticleFactory(title="Bài khác")

    with pytest.raises(ValidationError) as refused:
        editing.save_article(
            article, editor, changes={"slug": OLD}, expected_version=article.version
        )

    assert "đường dẫn cũ của một bài khác" in refused.value.message_dict["slug"][0]
    assert Article.objects.get(pk=article.pk).slug != OLD
    assert ArticleSlug.objects.get(slug=OLD).article == moved


def test_the_form_refuses_a_typed_old_address_and_keeps_what_was_typed(moved, client, editor):
    article = ArticleFactory(title="Bài khác")
    client.force_login(editor)

    response = client.post(
        change_url(article),
        form_data(article, slug=OLD, title="Tiêu đề vừa gõ"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Đường dẫn “{OLD}” là đường dẫn cũ của một bài khác" in page
    assert 'value="Tiêu đề vừa gõ"' in page
    assert Article.objects.get(pk=article.pk).slug != OLD


def test_a_new_article_may_not_type_an_old_address(moved, client, editor):
    client.force_login(editor)
    draft = ArticleFactory.build(section=SectionFactory(), slug=OLD, title="Bài mới")

    response = client.post("/admin/articles/article/add/", form_data(draft, loaded_version=""))

    assert response.status_code == 200
    assert "đường dẫn cũ của một bài khác" in response.content.decode()
    assert not Article.objects.filter(title="Bài mới").exists()


def test_an_article_may_take_back_its_own_old_address(moved, editor):
    editing.save_article(moved, editor, changes={"slug": OLD}, expected_version=moved.version)

    moved.refresh_from_db()
    assert moved.slug == OLD
    assert list(ArticleSlug.objects.values_list("slug", flat=True)) == ["so-ket-6-thang-cum-5"]

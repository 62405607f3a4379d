"""An article's photos, and the articles that show a photo."""

import pytest

from articles import photos as article_photos
from photos import references
from tests.articles.factories import ArticleFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def body_with(*photos_, text="<p>Hội nghị diễn ra sáng 10/7.</p>"):
    return text + "".join(references.reference(photo.pk) for photo in photos_)


def test_articles_using_finds_cover_and_body_but_not_a_longer_number():
    photo = PhotoFactory()
    cover = ArticleFactory(cover=photo)
    body = ArticleFactory(body=body_with(photo))
    ArticleFactory(body=references.reference(int(f"{photo.pk}0")))

    assert set(article_photos.articles_using(photo)) == {cover, body}


def test_photos_of_lists_cover_first_then_body_photos_once_in_one_query(
    django_assert_num_queries,
):
    cover, first, second = PhotoFactory(), PhotoFactory(), PhotoFactory()
    article = ArticleFactory(cover=cover, body=body_with(first, cover, second, first))

    with django_assert_num_queries(1):
        assert article_photos.photos_of(article) == [cover, first, second]

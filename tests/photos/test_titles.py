"""Titles a user may not read never show through the photo library.

The library's "dùng trong bài" names only the articles the user may open in the
newsroom (``articles.workflow.visible_to``): a reporter sees published articles and
their own, never another reporter's draft or an embargoed (scheduled) article; the
others are counted, not named.
"""

import json

import pytest
from django.urls import reverse

from photos import references
from tests.articles.factories import ArticleFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

SECRET = "Chuyên án ma tuý xuyên quốc gia chưa được công bố"
EMBARGOED = "Khen thưởng chuyên án, đăng lúc 20 giờ"


@pytest.fixture
def photo(reporter, other_reporter):
    photo = PhotoFactory(caption="Hiện trường")
    ArticleFactory(title=SECRET, created_by=other_reporter, body=references.reference(photo.pk))
    ArticleFactory(title=EMBARGOED, created_by=other_reporter, scheduled=True, cover=photo)
    ArticleFactory(title="Bài đã đăng", published=True, cover=photo)
    ArticleFactory(title="Bản nháp của tôi", created_by=reporter, cover=photo)
    return photo


def change_page(client, photo):
    response = client.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reporter_sees_only_the_titles_they_may_read(client, reporter, photo):
    client.force_login(reporter)

    page = change_page(client, photo)

    assert "Bài đã đăng" in page and "Bản nháp của tôi" in page
    assert SECRET not in page and EMBARGOED not in page
    assert "2 bài khác bạn không được xem" in page


def test_an_editor_sees_every_title(client, editor, photo):
    client.force_login(editor)

    page = change_page(client, photo)

    assert SECRET in page and EMBARGOED in page
    assert "bạn không được xem" not in page


def test_no_title_reaches_a_reporter_through_searches_or_autocompletes(client, reporter, photo):
    client.force_login(reporter)
    word = "chuyên án"

    pages = [
        client.get(reverse("admin:photos_photo_changelist"), {"q": word}),
        client.get(reverse("admin:articles_article_changelist"), {"q": word}),
        client.get(
            reverse("admin:autocomplete"),
            {"app_label": "articles", "model_name": "article", "field_name": "cover", "term": ""},
        ),
    ]

    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            text = json.dumps(response.json(), ensure_ascii=False)
        assert SECRET not in text and EMBARGOED not in text

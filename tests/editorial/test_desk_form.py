"""The article form made for writing: the cover upload shown, counters, photo words,
the reader's view when read-only, one history entry point."""

import pytest

from articles.models import Article
from photos import references
from photos.models import Photo
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import admin_url, change_url, form_data, open_form
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_the_cover_upload_field_is_on_the_add_and_change_forms(client, reporter):
    client.force_login(reporter)
    for url in ["/admin/articles/article/add/", change_url(ArticleFactory(created_by=reporter))]:
        html = client.get(url).content.decode()
        assert 'type="file" name="cover_upload"' in html
        assert html.index('name="cover"') < html.index('name="cover_upload"')


def test_title_and_lead_count_their_characters(client, reporter):
    client.force_login(reporter)
    html = client.get("/admin/articles/article/add/").content.decode()
    assert 'data-advice="100"' in html and 'data-advice="300"' in html
    assert 'id="id_title"' in html and 'maxlength="300"' in html
    assert "js/editorial-form.js" in html


def body_with(*photos):
    return "<p>Chữ.</p>" + "".join(references.reference(photo.pk) for photo in photos)


def test_photo_words_are_editable_in_the_form_and_go_to_the_library(client, reporter):
    photo = PhotoFactory(credit="", caption="Toàn cảnh Hội nghị.", alt_text="")
    article = ArticleFactory(created_by=reporter, body=body_with(photo))
    version = open_form(client, reporter, article)
    html = client.get(change_url(article)).content.decode()
    assert f'name="anh_{photo.pk}_credit"' in html
    assert "Tác giả ảnh – ảnh thứ 1 trong bài “Toàn cảnh Hội nghị.”" in html

    data = form_data(
        article,
        loaded_version=version,
        **{
            f"anh_{photo.pk}_caption": "Toàn cảnh Hội nghị.",
            f"anh_{photo.pk}_credit": "Xuân Bắc",
            f"anh_{photo.pk}_alt_text": "Đại biểu ngồi kín hội trường",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.credit, photo.alt_text) == ("Xuân Bắc", "Đại biểu ngồi kín hội trường")


def test_words_left_as_shown_leave_the_library_photo_untouched(client, reporter):
    photo = PhotoFactory(credit="Xuân Bắc")
    article = ArticleFactory(created_by=reporter, body=body_with(photo))
    version = open_form(client, reporter, article)
    stamp = Photo.objects.get(pk=photo.pk).updated_at
    data = form_data(
        article,
        loaded_version=version,
        **{
            f"anh_{photo.pk}_caption": photo.caption,
            f"anh_{photo.pk}_credit": photo.credit,
            f"anh_{photo.pk}_alt_text": photo.alt_text,
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    assert Photo.objects.get(pk=photo.pk).updated_at == stamp


def test_the_reporters_read_only_view_renders_the_body_as_readers_see_it(client, reporter):
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị.")
    article = ArticleFactory(
        created_by=reporter,
        status=Article.Status.REVIEW,
        body=f"<p>Hội nghị <strong>sơ kết</strong>.</p>{references.reference(photo.pk)}",
    )
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert '<div class="reader-view article-body"><p>Hội nghị <strong>sơ kết</strong>.</p>' in html
    assert "<figure" in html and "Toàn cảnh Hội nghị." in html
    assert "&lt;p&gt;" not in html
    assert 'name="cover_upload"' not in html


def test_one_history_entry_point_and_django_history_redirects_to_it(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert html.count('class="historylink"') == 1
    assert f'href="{admin_url("revisions", article)}" class="historylink">Lịch sử</a>' in html
    response = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert response.status_code == 302
    assert response["Location"] == admin_url("revisions", article)

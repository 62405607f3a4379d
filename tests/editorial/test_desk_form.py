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


# --- Bylines as written ----------------------------------------------------------------


def test_an_empty_byline_is_refused_with_a_clear_message_and_nothing_lost(client, reporter):
    from tests.articles.factories import SectionFactory

    client.force_login(reporter)
    data = form_data(
        ArticleFactory.build(section=SectionFactory(), slug=""),
        title="Công an Hà Tĩnh sơ kết 6 tháng",
    )
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài chưa có tên ký cuối bài." in html
    assert 'value="Công an Hà Tĩnh sơ kết 6 tháng"' in html
    assert not Article.objects.exists()


def test_removing_every_byline_of_an_article_is_refused(client, reporter):
    from articles.models import Authorship
    from tests.articles.factories import AuthorFactory

    article = ArticleFactory(created_by=reporter)
    row = Authorship.objects.create(article=article, author=AuthorFactory(name="Trọng Tuấn"))
    version = open_form(client, reporter, article)
    data = form_data(article, loaded_version=version)
    data.update(
        {
            "authorships-TOTAL_FORMS": "1",
            "authorships-INITIAL_FORMS": "1",
            "authorships-0-id": row.pk,
            "authorships-0-article": article.pk,
            "authorships-0-author": row.author_id,
            "authorships-0-role": "",
            "authorships-0-position": "1",
            "authorships-0-DELETE": "on",
        }
    )
    response = client.post(change_url(article), data)
    assert "Bài chưa có tên ký cuối bài." in response.content.decode()
    assert article.authorships.count() == 1


def test_a_byline_without_roles_prints_exactly_as_written(client, reporter, editor):
    import re

    from django.utils.html import strip_tags

    from tests.articles.factories import AuthorFactory, SectionFactory

    first, second = AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")
    client.force_login(reporter)
    data = form_data(
        ArticleFactory.build(section=SectionFactory(), slug=""),
        bylines=[(first, ""), (second, "")],
        title="Cụm thi đua số 5 sơ kết 6 tháng đầu năm 2020",
    )
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    article = Article.objects.get()
    from tests.articles.steps import step

    step("publish", article, editor)
    html = client.get(article.get_absolute_url()).content.decode()
    byline = re.search(r'<p class="byline">(.*?)</p>', html, re.DOTALL).group(1)
    assert strip_tags(byline) == "Trọng Tuấn – Xuân Bắc"


def test_a_reporter_may_add_a_pen_name_with_just_the_name(client, reporter):
    from articles.models import Author

    client.force_login(reporter)
    page = client.get("/admin/articles/author/add/?_to_field=id&_popup=1")
    assert page.status_code == 200
    assert 'name="user"' not in page.content.decode()
    response = client.post(
        "/admin/articles/author/add/?_to_field=id&_popup=1",
        {"name": "Trọng Tuấn", "bio": "", "_popup": "1", "_to_field": "id"},
    )
    assert response.status_code == 200
    assert Author.objects.get().name == "Trọng Tuấn"


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_change_form_queries_do_not_grow_with_photos(client, request, who):
    from tests.queries import count_queries

    user = request.getfixturevalue(who)
    one = ArticleFactory(created_by=user, body=body_with(PhotoFactory()))
    many = ArticleFactory(created_by=user, body=body_with(*[PhotoFactory() for _ in range(8)]))
    client.force_login(user)
    client.get(change_url(one))  # warm the session and caches
    baseline = count_queries(lambda: client.get(change_url(one)))
    assert count_queries(lambda: client.get(change_url(many))) == baseline


def test_a_reporter_cannot_change_words_of_a_photo_a_published_article_shows(client, reporter):
    photo = PhotoFactory(credit="Xuân Bắc")
    ArticleFactory(published=True, cover=photo)
    from articles import photos as article_photos

    for article in Article.objects.all():
        article_photos.record_uses(article)
    article = ArticleFactory(created_by=reporter, body=body_with(photo))
    version = open_form(client, reporter, article)
    data = form_data(
        article,
        loaded_version=version,
        **{
            f"anh_{photo.pk}_caption": photo.caption,
            f"anh_{photo.pk}_credit": "Người khác",
            f"anh_{photo.pk}_alt_text": photo.alt_text,
        },
    )
    response = client.post(change_url(article), data, follow=True)
    assert "chỉ biên tập viên được sửa" in response.content.decode()
    photo.refresh_from_db()
    assert photo.credit == "Xuân Bắc"


# --- A preview beside the form -------------------------------------------------------------


def test_the_change_form_offers_its_article_page_beside_it(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert f'data-url="{article.get_absolute_url()}"' in html
    assert 'aria-controls="desk-preview"' in html
    assert "js/editorial-preview.js" in html


def test_the_add_form_has_no_preview_yet(client, reporter):
    client.force_login(reporter)
    html = client.get("/admin/articles/article/add/").content.decode()
    assert 'id="desk-preview"' not in html


@pytest.mark.parametrize("published", [True, False])
def test_staff_may_frame_the_article_page_on_this_site_only(client, editor, published):
    article = ArticleFactory(published=published)
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_readers_may_not_frame_the_article_page(client):
    article = ArticleFactory(published=True)
    response = client.get(article.get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


# --- The preview of what is typed, before it is saved ---------------------------------------


def typed_url(article):
    return f"/soan-thao/xem-truoc/{article.pk}/"


def test_the_change_form_offers_the_preview_of_its_unsaved_text(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert f'data-typed-url="{typed_url(article)}"' in html
    assert 'name="desk-preview-frame"' in html


def test_the_typed_preview_shows_the_text_as_typed_and_saves_nothing(client, reporter):
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị sơ kết.")
    article = ArticleFactory(
        created_by=reporter, title="Tiêu đề đã lưu", lead="Sapo đã lưu.", body="<p>Đã lưu.</p>"
    )
    version = article.version
    client.force_login(reporter)
    response = client.post(
        typed_url(article),
        {
            "title": "Cụm thi đua số 5 sơ kết 6 tháng",
            "lead": "Hội nghị diễn ra tại Nghệ An.",
            "body": "<p>Đang gõ.</p><script>alert(1)</script>" + references.reference(photo.pk),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Cụm thi đua số 5 sơ kết 6 tháng" in html
    assert "Hội nghị diễn ra tại Nghệ An." in html
    assert "<p>Đang gõ.</p>" in html and "<script>alert" not in html
    assert "Toàn cảnh Hội nghị sơ kết." in html  # the library photo expanded with its caption
    assert "phần đang gõ, chưa lưu" in html
    assert "Tiêu đề đã lưu" not in html
    # Private, never indexed, framed by this site only.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    article.refresh_from_db()
    assert (article.title, article.lead, article.body, article.version) == (
        "Tiêu đề đã lưu",
        "Sapo đã lưu.",
        "<p>Đã lưu.</p>",
        version,
    )


def test_the_typed_preview_is_refused_to_who_may_not_see_the_article(
    client, reporter, other_reporter
):
    article = ArticleFactory(created_by=other_reporter, title="Nháp của người khác")
    client.force_login(reporter)
    assert client.post(typed_url(article), {"title": "Sửa thử"}).status_code == 404
    client.logout()
    refused = client.post(typed_url(article), {"title": "Sửa thử"})
    assert refused.status_code == 302 and "/admin/login/" in refused["Location"]
    client.force_login(other_reporter)
    assert client.get(typed_url(article)).status_code == 405  # only the form's POST


def test_the_typed_preview_needs_the_forms_csrf_token(reporter):
    from django.test import Client

    article = ArticleFactory(created_by=reporter)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    assert client.post(typed_url(article), {"title": "Không có mã"}).status_code == 403

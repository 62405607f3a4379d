import re

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from articles import photo_refs, photos, richtext
from articles.models import Photo
from tests.articles import images
from tests.articles.factories import ArticleFactory, PhotoFactory
from tests.articles.queries import count_queries

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def figure_of(html, photo):
    match = re.search(
        rf'<figure class="photo[^"]*" data-photo-id="{photo.pk}">.*?</figure>', html, re.S
    )
    assert match, f"no figure for photo {photo.pk}"
    return match[0]


def body_with(*photos_, text="<p>Hội nghị diễn ra sáng 10/7.</p>"):
    return text + "".join(photo_refs.reference(photo.pk) for photo in photos_)


# --- The model ---------------------------------------------------------------------


def test_create_stores_original_and_renditions_under_generated_names(reporter):
    photo = photos.create(images.upload("Hội nghị Cụm 5.jpg", images.jpeg((1700, 1000))), reporter)

    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    assert (photo.width, photo.height, photo.uploaded_by) == (1700, 1000, reporter)
    kinds = {(entry["kind"], entry["format"]) for entry in photo.renditions}
    for width in (480, 800, 1200, 1600):
        assert {(f"w{width}", "webp"), (f"w{width}", "jpeg")} <= kinds
    assert ("social", "jpeg") in kinds
    for name in [photo.image.name, *(entry["name"] for entry in photo.renditions)]:
        assert default_storage.exists(name)
        assert "hoi-nghi" not in name.lower()


def test_srcset_lists_each_width_of_one_format():
    photo = PhotoFactory(size=(1000, 500))

    srcset = photo.srcset("webp")

    assert re.fullmatch(
        r"/media/\S+-w480\.webp 480w, /media/\S+-w800\.webp 800w, /media/\S+-w1000\.webp 1000w",
        srcset,
    )


def test_social_image_describes_the_1200_by_630_jpeg():
    photo = PhotoFactory()

    social = photo.social_image

    assert social.url.startswith("/media/photos/") and social.url.endswith("-social.jpg")
    assert (social.width, social.height, social.mime_type) == (1200, 630, "image/jpeg")
    assert social.length == default_storage.size(social.url.removeprefix("/media/"))


def test_photo_without_renditions_has_no_social_image():
    assert Photo(image="photos/x.jpg").social_image is None


def test_search_text_folds_caption_credit_and_alt():
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị", credit="Xuân Bắc", alt_text="Hội trường")
    assert photo.search_text == "toan canh hoi nghi xuan bac hoi truong"


def test_sensitive_photo_must_say_why():
    photo = PhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(is_sensitive=True)


def test_sensitive_photo_with_reason_is_stored():
    photo = PhotoFactory(is_sensitive=True, sensitive_reason=Photo.SensitiveReason.MINOR)
    assert Photo.objects.needing_clearance().get() == photo


def test_focal_point_outside_the_picture_is_refused_by_the_database():
    photo = PhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(focal_x=1.5)


def test_replacing_the_picture_removes_old_files_and_the_clearance(
    editor, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(is_sensitive=True, sensitive_reason="victim")
    photo.cleared_by = editor
    old_names = [photo.image.name, *(entry["name"] for entry in photo.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        photos.attach_upload(photo, images.upload("moi.png", images.png((600, 400))))
        photo.save()

    assert photo.image.name.endswith(".png")
    assert photo.cleared_by is None
    assert not any(default_storage.exists(name) for name in old_names)


def test_moving_the_focal_point_remakes_the_social_image(django_capture_on_commit_callbacks):
    photo = PhotoFactory()
    before = photo.social_image.url
    photo.focal_x = 0.1

    with django_capture_on_commit_callbacks(execute=True):
        photos.rerender(photo)
        photo.save()

    assert photo.social_image.url != before
    assert default_storage.exists(photo.social_image.url.removeprefix("/media/"))
    assert not default_storage.exists(before.removeprefix("/media/"))


def test_articles_using_finds_cover_and_body_but_not_a_longer_number():
    photo = PhotoFactory()
    cover = ArticleFactory(cover=photo)
    body = ArticleFactory(body=body_with(photo))
    ArticleFactory(body=photo_refs.reference(int(f"{photo.pk}0")))

    assert set(photos.articles_using(photo)) == {cover, body}


# --- References in the body ----------------------------------------------------------


def test_editor_figure_is_saved_as_a_reference_only():
    photo = PhotoFactory()
    src = photo_refs.editor_src(photo.pk)
    article = ArticleFactory(
        body=f'<p>Mở đầu.</p><figure class="image"><img src="{src}" alt="Hội trường">'
        "<figcaption>Toàn cảnh Hội nghị.</figcaption></figure><p>Kết.</p>"
    )

    assert article.body == f'<p>Mở đầu.</p><figure data-photo="{photo.pk}"></figure><p>Kết.</p>'


def test_editor_figure_with_a_link_and_quoted_angle_bracket_is_still_a_reference():
    src = photo_refs.editor_src(7)
    html = (
        f'<figure class="image image-style-side"><a href="/bai-viet/x/"><img alt="a > b" '
        f'src="{src}" width="800" height="500"></a><figcaption>x</figcaption></figure>'
    )
    assert richtext.sanitise(html) == '<figure data-photo="7"></figure>'


def test_reference_survives_sanitising_again():
    body = '<p>Chữ.</p><figure data-photo="12"></figure>'
    assert richtext.sanitise(richtext.sanitise(body)) == body


def test_forged_reference_with_content_is_reduced_to_the_reference():
    html = (
        '<figure data-photo="5" class="image"><img src="/media/cu.jpg">'
        "<figcaption>cũ</figcaption></figure>"
    )
    assert richtext.sanitise(html) == '<figure data-photo="5"></figure>'


def test_reference_that_is_not_a_number_is_dropped():
    assert "data-photo" not in richtext.sanitise('<figure data-photo="5 onload=x"></figure>')


def test_editor_sees_image_figures_with_the_library_words():
    photo = PhotoFactory(caption="Toàn cảnh Hội nghị.", alt_text="Hội trường <đông>")

    html = photos.for_editor(body_with(photo))

    assert (
        f'<figure class="image"><img src="/soan-thao/anh/{photo.pk}/" '
        f'alt="Hội trường &lt;đông&gt;" width="{photo.width}" height="{photo.height}">'
        "<figcaption>Toàn cảnh Hội nghị."
        "</figcaption></figure>"
    ) in html


def test_editor_round_trip_keeps_the_body_unchanged():
    photo = PhotoFactory()
    body = body_with(photo)
    assert richtext.sanitise(photos.for_editor(body)) == body


def test_words_typed_in_the_editor_go_to_the_library(reporter):
    photo = PhotoFactory(caption="", alt_text="")
    src = photo_refs.editor_src(photo.pk)

    photos.update_from_editor(
        f'<figure class="image"><img src="{src}" alt="Đại tá phát biểu">'
        "<figcaption>Đồng chí Đại tá Hồ Văn Tứ phát biểu.</figcaption></figure>",
        reporter,
    )

    photo.refresh_from_db()
    assert photo.alt_text == "Đại tá phát biểu"
    assert photo.caption == "Đồng chí Đại tá Hồ Văn Tứ phát biểu."


def test_editor_words_need_the_change_photo_permission(records_officer):
    photo = PhotoFactory(caption="Cũ")
    src = photo_refs.editor_src(photo.pk)
    photos.update_from_editor(
        f'<figure class="image"><img src="{src}" alt=""><figcaption>Mới</figcaption></figure>',
        records_officer,
    )
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_photos_of_lists_cover_first_then_body_photos_once_in_one_query(
    django_assert_num_queries,
):
    cover, first, second = PhotoFactory(), PhotoFactory(), PhotoFactory()
    article = ArticleFactory(cover=cover, body=body_with(first, cover, second, first))

    with django_assert_num_queries(1):
        assert photos.photos_of(article) == [cover, first, second]


# --- Public pages ---------------------------------------------------------------------


def test_body_photo_is_a_lazy_responsive_figure_with_caption_and_credit(client):
    photo = PhotoFactory(
        size=(1700, 1000),
        caption="Toàn cảnh Hội nghị.",
        credit="Xuân Bắc",
        alt_text="Đại biểu ngồi kín hội trường",
    )
    article = ArticleFactory(published=True, body=body_with(photo))

    html = figure_of(page(client, article.get_absolute_url()), photo)

    sizes = f'sizes="{photos.BODY_SIZES}"'
    assert f'<source type="image/webp" srcset="{photo.srcset("webp")}" {sizes}>' in html
    assert f'srcset="{photo.srcset("jpeg")}" {sizes}' in html
    assert 'width="1600" height="941"' in html
    assert 'alt="Đại biểu ngồi kín hội trường"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html
    assert photo.src.endswith("-w1200.jpg") and f'src="{photo.src}"' in html
    assert re.search(
        r"<figcaption>.*Toàn cảnh Hội nghị\..*Ảnh: Xuân Bắc.*</figcaption>", html, re.S
    )


def test_cover_is_an_eager_high_priority_figure(client):
    photo = PhotoFactory(size=(1000, 600), alt_text="Lễ ký kết giao ước thi đua")
    article = ArticleFactory(published=True, cover=photo)

    html = figure_of(page(client, article.get_absolute_url()), photo)

    assert 'class="photo photo-cover"' in html
    assert 'fetchpriority="high"' in html and 'loading="lazy"' not in html
    assert 'width="1000" height="600"' in html
    assert f'srcset="{photo.srcset("jpeg")}"' in html
    assert 'alt="Lễ ký kết giao ước thi đua"' in html


def test_fixing_a_caption_in_the_library_changes_a_published_article(client):
    photo = PhotoFactory(caption="Toàn cảnh Hôi nghị.")
    article = ArticleFactory(published=True, body=body_with(photo))
    assert "Toàn cảnh Hôi nghị." in page(client, article.get_absolute_url())

    photo.caption = "Toàn cảnh Hội nghị."
    photo.save()

    html = page(client, article.get_absolute_url())
    assert "Toàn cảnh Hội nghị." in figure_of(html, photo)
    assert "Hôi nghị" not in html


def test_page_keeps_no_file_address_in_the_stored_body(client):
    photo = PhotoFactory()
    article = ArticleFactory(published=True, body=body_with(photo))
    assert "/media/" not in article.body
    assert photo.src in page(client, article.get_absolute_url())


def test_reference_to_a_deleted_photo_shows_nothing(client):
    photo = PhotoFactory()
    article = ArticleFactory(published=True, body=body_with(photo))
    photo.delete()
    html = page(client, article.get_absolute_url())
    assert "data-photo" not in html and "<figure" not in html


def test_article_page_queries_do_not_grow_with_photos(client, django_assert_num_queries):
    one = ArticleFactory(published=True, cover=PhotoFactory(), body=body_with(PhotoFactory()))
    ten = ArticleFactory(
        published=True,
        cover=PhotoFactory(),
        body=body_with(*[PhotoFactory(size=(500, 300)) for _ in range(10)]),
    )
    page(client, one.get_absolute_url())  # warm up the cached most-read ranking
    baseline = count_queries(lambda: page(client, one.get_absolute_url()))

    with django_assert_num_queries(baseline):
        html = page(client, ten.get_absolute_url())
    assert html.count('<figure class="photo') == 11


def test_editor_photo_address_redirects_staff_to_a_rendition(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)

    response = client.get(photo_refs.editor_src(photo.pk))

    assert response.status_code == 302
    assert response["Location"] == photo.url_of(photo.rendition("w800"))


def test_editor_photo_address_is_not_public(client):
    photo = PhotoFactory()
    assert client.get(photo_refs.editor_src(photo.pk)).status_code == 404

"""Photos in the editor: image figures become references, typed words reach the library."""

import pytest

from articles import richtext
from photos import editor as photo_editor
from photos import references
from tests.articles.factories import ArticleFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def body_with(*photos_, text="<p>Hội nghị diễn ra sáng 10/7.</p>"):
    return text + "".join(references.reference(photo.pk) for photo in photos_)


# --- References in the body ----------------------------------------------------------


def test_editor_figure_is_saved_as_a_reference_only():
    photo = PhotoFactory()
    src = references.editor_src(photo.pk)
    article = ArticleFactory(
        body=f'<p>Mở đầu.</p><figure class="image"><img src="{src}" alt="Hội trường">'
        "<figcaption>Toàn cảnh Hội nghị.</figcaption></figure><p>Kết.</p>"
    )

    assert article.body == f'<p>Mở đầu.</p><figure data-photo="{photo.pk}"></figure><p>Kết.</p>'


def test_editor_figure_with_a_link_and_quoted_angle_bracket_is_still_a_reference():
    src = references.editor_src(7)
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

    html = photo_editor.for_editor(body_with(photo))

    assert (
        f'<figure class="image"><img src="/soan-thao/anh/{photo.pk}/" '
        f'alt="Hội trường &lt;đông&gt;" width="{photo.width}" height="{photo.height}">'
        "<figcaption>Toàn cảnh Hội nghị."
        "</figcaption></figure>"
    ) in html


def test_editor_round_trip_keeps_the_body_unchanged():
    photo = PhotoFactory()
    body = body_with(photo)
    assert richtext.sanitise(photo_editor.for_editor(body)) == body


def test_words_typed_in_the_editor_go_to_the_library(reporter):
    photo = PhotoFactory(caption="", alt_text="")
    src = references.editor_src(photo.pk)

    photo_editor.update_from_editor(
        f'<figure class="image"><img src="{src}" alt="Đại tá phát biểu">'
        "<figcaption>Đồng chí Đại tá Hồ Văn Tứ phát biểu.</figcaption></figure>",
        reporter,
    )

    photo.refresh_from_db()
    assert photo.alt_text == "Đại tá phát biểu"
    assert photo.caption == "Đồng chí Đại tá Hồ Văn Tứ phát biểu."


def test_editor_words_need_the_change_photo_permission(records_officer):
    photo = PhotoFactory(caption="Cũ")
    src = references.editor_src(photo.pk)
    photo_editor.update_from_editor(
        f'<figure class="image"><img src="{src}" alt=""><figcaption>Mới</figcaption></figure>',
        records_officer,
    )
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_editor_photo_address_redirects_staff_to_a_rendition(client, reporter):
    photo = PhotoFactory()
    client.force_login(reporter)

    response = client.get(references.editor_src(photo.pk))

    assert response.status_code == 302
    assert response["Location"] == photo.url_of(photo.rendition("w800"))


def test_editor_photo_address_is_not_public(client):
    photo = PhotoFactory()
    assert client.get(references.editor_src(photo.pk)).status_code == 404

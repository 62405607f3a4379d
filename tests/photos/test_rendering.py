"""Photos on public pages: responsive figures expanded from the body's references."""

import re

import pytest
from django.core.cache import cache

from photos import references, rendering
from tests.articles.factories import ArticleFactory
from tests.photos.factories import PhotoFactory
from tests.queries import count_queries

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
    return text + "".join(references.reference(photo.pk) for photo in photos_)


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

    sizes = f'sizes="{rendering.BODY_SIZES}"'
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


def test_fixing_a_caption_in_the_library_changes_a_published_article(
    client, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(caption="Toàn cảnh Hôi nghị.")
    article = ArticleFactory(published=True, body=body_with(photo))
    assert "Toàn cảnh Hôi nghị." in page(client, article.get_absolute_url())

    photo.caption = "Toàn cảnh Hội nghị."
    # The stored body is rendered again when the photo's change commits.
    with django_capture_on_commit_callbacks(execute=True):
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
    # A used photo cannot be deleted (ArticlePhoto protects it), but a body may still
    # name one that is gone: an old version restored, a number typed by hand.
    photo = PhotoFactory()
    article = ArticleFactory(published=True, body=body_with(photo))
    article.photo_uses.all().delete()
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
    cache.clear()  # every cache cold: the body's photos are fetched for each page
    baseline = count_queries(lambda: page(client, one.get_absolute_url()))
    cache.clear()
    with django_assert_num_queries(baseline):
        html = page(client, ten.get_absolute_url())
    assert html.count('<figure class="photo') == 11

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from photos import demo, references
from photos.models import Photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(settings, "DEMO_PASSWORD", "matkhau-trinh-dien")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_demo_article_has_a_cover_and_a_figure_between_paragraphs(seeded):
    for article in Article.objects.all():
        assert article.cover is not None
        (photo_id,) = references.ids(article.body)
        assert f"</p>{references.reference(photo_id)}" in article.body


def test_demo_photos_are_real_pictures_with_vietnamese_words(seeded):
    photo = Photo.objects.get(caption__startswith="Toàn cảnh Hội nghị")
    assert photo.credit == "Xuân Bắc"
    assert photo.alt_text
    assert (photo.width, photo.height) == demo.SIZE
    with photo.image.open() as stored:
        assert Image.open(stored).getextrema() != ((0, 0), (0, 0), (0, 0))


def test_sensitive_demo_photo_is_cleared_by_the_editor(seeded):
    photo = Photo.objects.get(is_sensitive=True)
    assert photo.cleared_by.username == "bientap"


def test_seeding_again_adds_no_photos(seeded):
    count = Photo.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Photo.objects.count() == count == len(demo.LIBRARY)


def test_demo_article_page_shows_cover_and_figure(seeded, client):
    article = Article.objects.published().get(slug__startswith="cum-thi-dua-so-5-so-ket")
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<figure class="photo') == 2
    assert "Toàn cảnh Hội nghị" in html
    assert "Ảnh: Xuân Bắc" in html

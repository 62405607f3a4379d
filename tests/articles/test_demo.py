import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(monkeypatch):
    monkeypatch.setattr(settings, "DEMO_PASSWORD", "matkhau-trinh-dien")
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_demo_has_twenty_articles_in_every_state(seeded):
    assert Article.objects.count() >= 20
    assert Article.objects.published().count() >= 15
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.filter(status=Article.Status.REVIEW).exists()
    assert any(article.is_scheduled() for article in Article.objects.all())


def test_demo_mid_year_review_article_is_signed_and_linked(seeded):
    article = Article.objects.get(slug__startswith="cum-thi-dua-so-5-so-ket-phong-trao")
    assert article.is_published()
    assert [a.author.name for a in article.authorships.all()] == ["Trọng Tuấn", "Xuân Bắc"]
    assert article.approved_by.username == "bientap"
    assert article.clusters.get().number == 5
    assert article.events.get().year == 2020
    assert article.units.count() == 6
    assert set(article.officials.values_list("full_name", flat=True)) == {
        "Dương Văn Tiến",
        "Hồ Văn Tứ",
        "Bùi Quang Thanh",
    }


def test_demo_is_idempotent(seeded, capsys):
    count = Article.objects.count()
    call_command("seed_demo")
    assert Article.objects.count() == count
    assert f"0 bài mới, {count} bài đã có" in capsys.readouterr().out


def test_demo_pages_answer(seeded, client):
    article = Article.objects.published().first()
    for url in ("/", article.get_absolute_url(), article.section.get_absolute_url()):
        assert client.get(url).status_code == 200

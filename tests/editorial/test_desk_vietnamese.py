"""Vietnamese everywhere: permission labels, icon alt text, delete summaries, restore
messages, error pages, people's names in Vietnamese order."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from articles.models import Authorship
from tests.articles.factories import ArticleFactory, AuthorFactory
from tests.editorial.article_form import admin_url
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_superuser=True)


def test_permission_labels_are_vietnamese(client, superuser):
    client.force_login(superuser)
    group = Group.objects.get(name="Phóng viên")
    html = client.get(f"/admin/auth/group/{group.pk}/change/").content.decode()
    assert "Bài viết: được thêm" in html
    assert "Can add" not in html and "Can change" not in html and "Can view" not in html


def test_yes_no_icons_say_co_and_khong(client, editor):
    from tests.photos.factories import PhotoFactory

    PhotoFactory(alt_text="Đại biểu dự hội nghị")
    PhotoFactory(alt_text="")
    client.force_login(editor)
    html = client.get("/admin/photos/photo/").content.decode()
    assert "2 ảnh" in html
    assert 'alt="True"' not in html and 'alt="False"' not in html
    assert 'alt="Có"' in html and 'alt="Không"' in html


def test_delete_summary_names_link_rows_in_vietnamese(client, editor):
    from tests.clusters.factories import UnitFactory

    article = ArticleFactory()
    article.units.add(UnitFactory(name="Công an tỉnh Nghệ An"))
    client.force_login(editor)
    html = client.get(f"/admin/articles/article/{article.pk}/delete/").content.decode()
    assert "object (" not in html
    assert f"{article.title} – Công an tỉnh Nghệ An" in html


def test_bad_request_page_is_vietnamese(client):
    response = client.get("/", HTTP_HOST="khong hop le")
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="vi">' in html and "<h1>Yêu cầu không hợp lệ</h1>" in html


def test_forbidden_page_is_vietnamese(client, reporter):
    client.force_login(reporter)
    response = client.get(admin_url("correction", ArticleFactory(published=True)))
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html and "<h1>Không được phép</h1>" in html


def test_csrf_failure_page_is_vietnamese(reporter):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "phongvien", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html and "Phiên làm việc đã hết hạn" in html


def test_names_are_in_vietnamese_order_in_revisions(client, editor):
    from articles import editing

    editor.first_name, editor.last_name = "Thu Hà", "Lê"
    editor.save()
    article = ArticleFactory()
    Authorship.objects.create(article=article, author=AuthorFactory())
    editing.save_article(
        article, editor, changes={"title": "Tiêu đề mới"}, expected_version=article.version
    )
    client.force_login(editor)
    html = client.get(admin_url("revisions", article)).content.decode()
    assert "<td>Lê Thu Hà</td>" in html
    assert "Thu Hà Lê" not in html


def test_restore_error_of_records_reads_in_vietnamese():
    from django.utils import translation

    with translation.override("vi"):
        message = translation.gettext(
            "Could not save %(object_repr)s version - missing dependency."
        ) % {"object_repr": "Công an tỉnh Nghệ An"}
    assert message.startswith("Không khôi phục được phiên bản của Công an tỉnh Nghệ An")


def test_sorted_lists_follow_vietnamese_order_syllable_by_syllable(client, editor):
    from tests.articles.factories import TagFactory

    for name in ["Thạnh Mỹ", "Thành phố", "Thanh niên"]:
        TagFactory(name=name)
    client.force_login(editor)
    html = client.get("/admin/articles/tag/").content.decode()
    positions = [html.index(name) for name in ["Thanh niên", "Thành phố", "Thạnh Mỹ"]]
    assert positions == sorted(positions)

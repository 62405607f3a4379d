"""No tone-placement duplicates: a name equal to an existing one once the tone mark is
placed the same way and the case folded is refused, with a link to the existing one."""

import pytest

from articles.models import Author, Section, Tag
from tests.articles.factories import AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["Ma túy", "ma tuý", "MA TÚY"])
def test_a_tag_spelt_with_the_tone_elsewhere_is_refused_with_a_link(client, editor, typed):
    existing = TagFactory(name="Ma tuý")
    client.force_login(editor)
    response = client.post("/admin/articles/tag/add/", {"name": typed})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã có thẻ “Ma tuý” (chỉ khác chỗ đặt dấu hoặc chữ hoa)" in html
    assert f'href="/admin/articles/tag/{existing.pk}/change/"' in html
    assert Tag.objects.count() == 1


def test_a_different_tag_is_accepted(client, editor):
    TagFactory(name="Ma tuý")
    client.force_login(editor)
    assert client.post("/admin/articles/tag/add/", {"name": "Mã tuý"}).status_code == 302
    assert Tag.objects.count() == 2


def test_a_section_spelt_with_the_tone_elsewhere_is_refused(client, editor):
    SectionFactory(name="Phòng chống ma tuý")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/section/add/",
        {"name": "Phòng chống ma túy", "slug": "", "description": "", "position": 0},
    )
    assert "Đã có chuyên mục “Phòng chống ma tuý”" in response.content.decode()
    assert Section.objects.count() == 1


def test_renaming_a_record_to_its_own_name_respelt_is_allowed(client, editor):
    tag = TagFactory(name="Ma tuý")
    client.force_login(editor)
    response = client.post(f"/admin/articles/tag/{tag.pk}/change/", {"name": "Ma túy"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.name == "Ma túy"


def test_a_pen_name_spelt_with_the_tone_elsewhere_is_refused(client, reporter):
    AuthorFactory(name="Xuân Thủy")
    client.force_login(reporter)
    response = client.post("/admin/articles/author/add/", {"name": "xuân thuỷ", "bio": ""})
    assert "Đã có tác giả “Xuân Thủy”" in response.content.decode()
    assert Author.objects.count() == 1

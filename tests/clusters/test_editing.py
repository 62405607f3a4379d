"""The records' write path (clusters.editing): every writer gets validation, derived
fields, one revision, one audit entry and one ``record_changed`` after the commit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from reversion.models import Version

from articles import naming
from clusters import demo, editing
from clusters.models import Official, Unit, UnitAlias
from newsroom.changes import Pages, record_changed
from newsroom.models import AuditEntry
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.clusters import factories as f
from tests.clusters.admin_forms import unit_post
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def sent():
    calls = []

    def receive(sender, **payload):
        calls.append(payload)

    record_changed.connect(receive, weak=False)
    yield calls
    record_changed.disconnect(receive)


def test_a_direct_call_validates_derives_versions_audits_and_announces_once(
    records_officer, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        unit = editing.save_record(
            Unit(name=" Công an tỉnh  Nghệ An ", valid_from=D(1991, 10, 1)),
            records_officer,
            rows=[UnitAlias(name="CA Nghệ An")],
        )
    assert (unit.name, unit.slug) == ("Công an tỉnh Nghệ An", "cong-an-tinh-nghe-an")
    [version] = Version.objects.get_for_object(unit)
    assert {v.object_repr for v in version.revision.version_set.all()} == {
        "Công an tỉnh Nghệ An",
        "CA Nghệ An",
    }
    assert version.revision.user == records_officer
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor) == ("record.created", records_officer)
    assert entry.object_id == unit.pk
    assert "aliases" in entry.details["changed"]
    [payload] = sent
    assert payload["model"] == "clusters.unit"
    assert payload["pk"] == unit.pk
    assert payload["action"] == "record.created"
    assert payload["user_id"] == records_officer.pk
    assert "/don-vi/cong-an-tinh-nghe-an/" in payload["pages"].paths
    assert "/cum-thi-dua/" in payload["pages"].paths


def test_nothing_is_announced_before_the_commit_or_after_a_rollback(records_officer, sent):
    with pytest.raises(RuntimeError), transaction.atomic():
        editing.save_record(Unit(name="Công an tỉnh Hà Tĩnh", valid_from=D(1991, 10, 1)), None)
        raise RuntimeError
    assert sent == []
    assert not Unit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(records_officer):
    unit = Unit(name="Công an tỉnh Hà Tĩnh", valid_from=D(2020, 1, 1), valid_to=D(2019, 1, 1))
    with pytest.raises(ValidationError, match="Ngày hết hiệu lực phải sau"):
        editing.save_record(unit, records_officer)
    assert not Unit.objects.exists()
    assert not AuditEntry.objects.exists()


def test_permission_is_checked_server_side(reporter):
    with pytest.raises(PermissionDenied):
        editing.save_record(Unit(name="Công an tỉnh Hà Tĩnh", valid_from=D(1991, 1, 1)), reporter)
    assert not Unit.objects.exists()


def test_an_edit_reports_what_changed_and_the_pages_of_both_addresses(
    records_officer, sent, django_capture_on_commit_callbacks
):
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    article = ArticleFactory()
    article.officials.add(official)
    position = f.PositionFactory(official=official)
    official.disclosure = Official.Disclosure.INITIALS
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_record(official, records_officer)
    [payload] = sent
    assert payload["changed"] == {"disclosure", "slug"}
    pages = payload["pages"]
    # The old address (the full name) and the new one (initials) are both purged.
    assert {"/can-bo/ho-van-tu/", "/can-bo/h-v-t/"} <= pages.paths
    assert position.unit.get_absolute_url() in pages.paths
    assert pages.article_ids == {article.pk}
    [entry] = AuditEntry.objects.filter(action="record.edited")
    assert entry.details["changed"] == ["disclosure", "slug"]


def test_a_withheld_officials_address_is_not_among_the_pages(records_officer, sent):
    official = f.OfficialFactory(disclosure=Official.Disclosure.WITHHELD)
    assert editing.pages_of(official) == Pages()


def test_delete_records_audits_and_announces_the_pages_it_was_on(
    records_officer, sent, django_capture_on_commit_callbacks
):
    unit = f.UnitFactory(name="Công an tỉnh Quảng Bình")
    pk = unit.pk
    with django_capture_on_commit_callbacks(execute=True):
        editing.delete_record(unit, records_officer)
    assert not Unit.objects.filter(pk=pk).exists()
    [payload] = sent
    assert (payload["action"], payload["pk"]) == ("record.deleted", pk)
    assert "/don-vi/cong-an-tinh-quang-binh/" in payload["pages"].paths
    assert AuditEntry.objects.get().object_id == pk


def test_the_admin_writes_once_through_the_write_path(
    officer_client, records_officer, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            "/admin/clusters/unit/add/",
            unit_post("Công an tỉnh Hà Tĩnh", "01/10/1991", aliases=["CA Hà Tĩnh"]),
        )
    assert response.status_code == 302
    unit = Unit.objects.get()
    [payload] = sent
    assert payload["changed"] >= {"name", "valid_from", "aliases"}
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.object_id) == ("record.created", unit.pk)
    [version] = Version.objects.get_for_object(unit)
    assert version.revision.version_set.count() == 2  # the unit and its alias


def test_the_demo_writes_every_record_through_the_write_path(records_officer):
    demo.seed(lambda message: None)
    created = AuditEntry.objects.filter(action="record.created", actor=records_officer)
    written = set(created.values_list("content_type__model", "object_id"))
    for unit in Unit.objects.all():
        assert ("unit", unit.pk) in written
    for official in Official.objects.all():
        assert ("official", official.pk) in written


# --- Sections, tags, authors and photos: the pages their names are on -----------------


def test_a_section_rename_names_its_articles_and_every_page_for_the_menu(
    editor, sent, django_capture_on_commit_callbacks
):
    section = SectionFactory(name="An ninh", is_in_menu=True)
    child = SectionFactory(name="Ma tuý", parent=section)
    article = ArticleFactory(section=child)
    section.name = "An ninh trật tự"
    with django_capture_on_commit_callbacks(execute=True):
        naming.save(section, editor)
    [payload] = sent
    assert payload["action"] == "section.edited"
    assert payload["changed"] == {"name"}
    assert payload["pages"].everywhere
    assert payload["pages"].article_ids == {article.pk}
    assert {section.get_absolute_url(), child.get_absolute_url()} <= payload["pages"].paths


def test_an_author_rename_rederives_search_and_names_the_articles_signed(
    editor, sent, django_capture_on_commit_callbacks
):
    author = AuthorFactory(name="Trọng Tuấn")
    article = ArticleFactory(authors=[author])
    author.name = "Xuân Bắc"
    with django_capture_on_commit_callbacks(execute=True):
        naming.save(author, editor)
    article.refresh_from_db()
    assert " xuan bac " in article.search_all
    [payload] = sent
    assert payload["pages"].article_ids == {article.pk}
    assert author.get_absolute_url() in payload["pages"].paths


def test_the_admin_saves_authors_through_naming(admin_client, sent):
    author = AuthorFactory(name="Trọng Tuấn")
    admin_client.post(
        f"/admin/articles/author/{author.pk}/change/", {"name": "Xuân Bắc", "user": "", "bio": ""}
    )
    author.refresh_from_db()
    assert author.name == "Xuân Bắc"


def test_a_photo_caption_changed_in_the_library_names_the_articles_showing_it(
    admin_client, sent, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(caption="Toàn cảnh", credit="Xuân Bắc", alt_text="Hội trường")
    article = ArticleFactory(cover=photo)
    data = {
        "caption": "Toàn cảnh Hội nghị",
        "credit": photo.credit,
        "alt_text": photo.alt_text,
        "taken_on": "",
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/photos/photo/{photo.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    [payload] = sent
    assert payload["model"] == "photos.photo"
    assert payload["changed"] == {"caption"}
    assert payload["pages"].article_ids == {article.pk}

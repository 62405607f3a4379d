"""Name-derived fields declared once (newsroom.derived) and derived the same way everywhere."""

import datetime

import pytest
from django.apps import apps

from articles.models import Section, Tag
from clusters.models import Official, Rank, Unit, UnitAlias
from newsroom import search, text
from newsroom.derived import DerivedFields
from tests.articles.factories import SectionFactory, TagFactory
from tests.clusters import factories as f

DERIVED = {"slug", "sort_name", "search_text"}
# Records whose derived fields are their own business: the article's write path
# (articles.editing), the photo library's ingest; an old slug is stored as it was.
OWN_WAY = {"articles.article", "articles.articleslug", "photos.photo"}


def _records():
    for model in apps.get_models():
        if model._meta.app_label in {"articles", "clusters", "photos"}:
            names = {field.name for field in model._meta.get_fields()}
            yield model, names


def test_every_record_with_derived_fields_declares_them():
    for model, names in _records():
        if model._meta.label_lower in OWN_WAY or not names & DERIVED:
            continue
        assert issubclass(model, DerivedFields), model
        derived = model.derived
        if "search_text" in names:
            assert derived.search, f"{model}: search_text not declared"
        if "sort_name" in names:
            assert derived.sort_key is not None, f"{model}: sort_name not declared"
        if "slug" in names and not model._meta.get_field("slug").editable:
            assert derived.slug is not None, f"{model}: slug not declared"


def test_records_derive_in_save_only_through_their_declaration():
    for model, _names in _records():
        if issubclass(model, DerivedFields):
            assert "save" not in vars(model), f"{model} overrides save()"


@pytest.mark.django_db
def test_search_text_is_the_reader_search_document():
    tag = TagFactory(name="Ma tuý")
    assert tag.search_text == " ma tuy " == search.document("Ma tuý")
    rank = Rank.objects.get(name="Thượng sĩ")
    rank.search_text = ""
    rank.save()
    assert rank.search_text == " thuong si thuong sy "


@pytest.mark.django_db
def test_names_are_cleaned_and_sorted_in_vietnamese_order():
    section = SectionFactory(name="  Đời\u00a0sống ")
    assert section.name == "Đời sống"
    assert section.sort_name == text.collation_key("Đời sống")
    assert section.slug == "doi-song"


@pytest.mark.django_db
def test_slug_is_made_once_and_kept_when_the_name_changes():
    tag = TagFactory(name="An ninh")
    tag.name = "An ninh trật tự"
    tag.save()
    assert tag.slug == "an-ninh"
    assert Tag.objects.get(pk=tag.pk).search_text == " an ninh trat tu "


@pytest.mark.django_db
def test_typed_slug_is_kept():
    assert Section.objects.create(name="Tin tức", slug="tin").slug == "tin"


@pytest.mark.django_db
def test_taken_slug_tries_the_fuller_source_before_numbering():
    old = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=datetime.date(1989, 7, 1))
    new = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=datetime.date(2025, 7, 1))
    again = f.UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=datetime.date(2025, 7, 1))
    assert (old.slug, new.slug, again.slug) == (
        "cong-an-tinh-quang-tri",
        "cong-an-tinh-quang-tri-2025",
        "cong-an-tinh-quang-tri-2025-2",
    )


@pytest.mark.django_db
def test_following_slug_changes_with_its_source():
    official = f.OfficialFactory(full_name="Hồ Văn Tứ")
    assert official.slug == "ho-van-tu"
    official.disclosure = Official.Disclosure.INITIALS
    official.save()
    assert official.slug == "h-v-t"
    official.disclosure = Official.Disclosure.WITHHELD
    official.save()
    assert official.slug == "can-bo"


@pytest.mark.django_db
def test_defaults_fill_a_blank_name():
    cluster = f.ClusterFactory(name=" ", number=5)
    assert cluster.name == "Cụm thi đua số 5"
    assert cluster.search_text == search.document("Cụm thi đua số 5", "cụm 5")


@pytest.mark.django_db
def test_keys_are_derived_before_constraints_are_checked():
    unit = f.UnitFactory(name="Công an tỉnh Thanh Hoá")
    UnitAlias.objects.create(unit=unit, name="CA Thanh Hoá")
    duplicate = UnitAlias(unit=unit, name="CA  Thanh Hóa")
    with pytest.raises(Exception, match="tên gọi khác"):
        duplicate.full_clean()
    assert Unit.objects.matching("ca thanh hoá").get() == unit

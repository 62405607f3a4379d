"""Lists ordered in SQL follow Vietnamese alphabetical order on SQLite and PostgreSQL."""

import datetime

import pytest

from articles.models import Author, Section, Tag
from clusters.models import Official, Unit

pytestmark = pytest.mark.django_db

# In Vietnamese order; code-point order would put "Công an xã" before "Cải cách…"
# and every word starting with Đ after "Xây dựng".
TAG_NAMES = [
    "An ninh",
    "Ăn cắp",
    "Bảo vệ",
    "Cải cách hành chính",
    "Công an xã",
    "Dân sự",
    "Đại hội Đảng",
    "Đền ơn đáp nghĩa",
    "Xây dựng Đảng",
]


def test_tags_are_listed_in_vietnamese_order():
    for name in reversed(TAG_NAMES):
        Tag.objects.create(name=name)
    assert list(Tag.objects.values_list("name", flat=True)) == TAG_NAMES


def test_authors_are_listed_in_vietnamese_order():
    for name in ["Đức Anh", "Xuân Bắc", "Trọng Tuấn", "Dũng Hà", "Ánh Dương"]:
        Author.objects.create(name=name)
    assert list(Author.objects.values_list("name", flat=True)) == [
        "Ánh Dương",
        "Dũng Hà",
        "Đức Anh",
        "Trọng Tuấn",
        "Xuân Bắc",
    ]


def test_sections_with_the_same_position_are_in_vietnamese_order():
    for name in ["Đời sống", "Xây dựng lực lượng", "Điều tra", "Dân vận"]:
        Section.objects.create(name=name, position=1)
    assert list(Section.objects.values_list("name", flat=True)) == [
        "Dân vận",
        "Điều tra",
        "Đời sống",
        "Xây dựng lực lượng",
    ]


def test_units_are_listed_in_vietnamese_order():
    start = datetime.date(2000, 1, 1)
    for name in ["Công an tỉnh Đắk Lắk", "Công an tỉnh Điện Biên", "Công an tỉnh Cà Mau"]:
        Unit.objects.create(name=name, valid_from=start)
    Unit.objects.create(name="Công an tỉnh Cao Bằng", valid_from=start)
    # Word by word: "Cà" before "Cao"; ă comes before i, so "Đắk" before "Điện".
    assert list(Unit.objects.values_list("name", flat=True)) == [
        "Công an tỉnh Cà Mau",
        "Công an tỉnh Cao Bằng",
        "Công an tỉnh Đắk Lắk",
        "Công an tỉnh Điện Biên",
    ]


def test_officials_are_listed_by_given_then_middle_then_family_name():
    for name in ["Hồ Văn Tứ", "Dương Văn Tiến", "Bùi Quang Thanh", "Nguyễn Văn An", "Lê Thị Ánh"]:
        Official.objects.create(full_name=name)
    assert list(Official.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Bùi Quang Thanh",
        "Dương Văn Tiến",
        "Hồ Văn Tứ",
    ]

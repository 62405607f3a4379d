"""Pickers that disambiguate: units with their years, clusters with their block, and an
autocomplete that matches word starts, ignores tone marks and ranks exact matches first."""

import datetime as dt

import pytest

from tests.articles.factories import ArticleFactory, TagFactory
from tests.clusters.factories import ClusterFactory, EmulationBlockFactory, UnitFactory
from tests.editorial.article_form import change_url

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"


def pick(client, field, term):
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "articles", "model_name": "article", "field_name": field, "term": term},
    )
    assert response.status_code == 200, response.content
    return [result["text"] for result in response.json()["results"]]


def test_units_are_offered_with_their_years(client, editor):
    UnitFactory(
        name="Công an tỉnh Quảng Trị",
        valid_from=dt.date(1989, 7, 1),
        valid_to=dt.date(2025, 7, 1),
    )
    UnitFactory(name="Công an tỉnh Quảng Trị", valid_from=dt.date(2025, 7, 1))
    client.force_login(editor)
    assert pick(client, "units", "quang tri") == [
        "Công an tỉnh Quảng Trị (1989–2025)",
        "Công an tỉnh Quảng Trị (từ 2025)",
    ]


def test_clusters_are_offered_with_their_block(client, editor):
    local = EmulationBlockFactory(name="Khối Công an các địa phương")
    ministry = EmulationBlockFactory(name="Khối các đơn vị thuộc Bộ")
    ClusterFactory(block=local, number=5)
    ClusterFactory(block=ministry, number=5)
    client.force_login(editor)
    labels = pick(client, "clusters", "cum 5")
    assert sorted(labels) == [
        "Cụm thi đua số 5 – Khối Công an các địa phương",
        "Cụm thi đua số 5 – Khối các đơn vị thuộc Bộ",
    ]


def test_the_chosen_unit_shows_its_years_in_the_form(client, editor):
    unit = UnitFactory(name="Công an tỉnh Quảng Bình", valid_to=dt.date(2025, 7, 1))
    article = ArticleFactory()
    article.units.add(unit)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert "Công an tỉnh Quảng Bình (1991–2025)</option>" in html


def test_autocomplete_matches_word_starts_only(client, editor):
    UnitFactory(name="Công an tỉnh Thanh Hóa")
    UnitFactory(name="Công an tỉnh Hà Tĩnh")
    client.force_login(editor)
    assert pick(client, "units", "Hà Tĩnh") == ["Công an tỉnh Hà Tĩnh (từ 1991)"]
    assert pick(client, "units", "anh hoa") == []  # "anh" is inside "Thanh" only


def test_autocomplete_ignores_tone_marks_and_their_placement(client, editor):
    TagFactory(name="Ma tuý")
    client.force_login(editor)
    for typed in ["ma túy", "ma tuý", "MA TUY", "ma"]:
        assert pick(client, "tags", typed) == ["Ma tuý"], typed


def test_exact_matches_come_first(client, editor):
    for name in ["An ninh trật tự", "An ninh", "Bảo vệ an ninh"]:
        TagFactory(name=name)
    client.force_login(editor)
    assert pick(client, "tags", "an ninh") == ["An ninh", "An ninh trật tự", "Bảo vệ an ninh"]


def test_autocomplete_reads_words_as_the_documents_hold_them(client, editor):
    UnitFactory(name="Công an tỉnh Hà Tĩnh")
    client.force_login(editor)
    # Punctuation typed after a word, as when pasting "Hà Tĩnh, Nghệ An", still matches.
    assert pick(client, "units", "Hà Tĩnh,") == ["Công an tỉnh Hà Tĩnh (từ 1991)"]
    # A NUL byte (PostgreSQL refuses it in a query) answers like any other non-word.
    assert pick(client, "units", "Hà\x00 Tĩnh") == ["Công an tỉnh Hà Tĩnh (từ 1991)"]
    assert pick(client, "cover", "\x00") == []

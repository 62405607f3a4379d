"""The article endpoints: what a detail holds, what each filter does, pages and bad input."""

import datetime as dt

import pytest

from articles import editing
from articles.models import Article, Authorship, Correction
from photos import references
from tests.api.conftest import NOW, collect, make_article
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.clusters.factories import ClusterFactory, OfficialFactory, UnitFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
SITE = "http://127.0.0.1:8000"


@pytest.fixture
def full(linked):
    """A public article with a cover, a photo in its body, two bylines and a correction."""
    cover, inside = PhotoFactory(), PhotoFactory(caption="Đại tá Hồ Văn Tứ phát biểu.")
    article = make_article(linked, "Cụm thi đua số 5 sơ kết 6 tháng", published=True)
    Article.objects.filter(pk=article.pk).update(
        cover=cover,
        source="Theo Báo Công an nhân dân",
        body=f'<p>Mở đầu.</p>{references.reference(inside.pk)}<p><a href="/the/x/">Thẻ</a></p>',
    )
    Authorship.objects.filter(article=article).update(position=1)
    Authorship.objects.create(
        article=article, author=AuthorFactory(name="Xuân Bắc"), position=0, role="photo"
    )
    Correction.objects.create(article=article, text="Bài trước ghi nhầm ngày.", published_at=NOW)
    return Article.objects.get(pk=article.pk), cover, inside


def test_detail_holds_what_the_article_page_shows(api, full, linked):
    article, cover, _inside = full
    found = api.json(f"{ARTICLES}{article.pk}/")
    assert found["url"] == f"{SITE}/bai-viet/{article.slug}/"
    assert found["title"] == "Cụm thi đua số 5 sơ kết 6 tháng"
    assert found["lead"] == article.lead
    assert found["source"] == "Theo Báo Công an nhân dân"
    assert found["section"]["slug"] == linked["section"].slug
    assert [(b["author"]["name"], b["role"], b["role_label"]) for b in found["bylines"]] == [
        ("Xuân Bắc", "photo", "Ảnh"),
        ("Trọng Tuấn", "text", "Bài"),
    ]
    assert [t["name"] for t in found["tags"]] == ["Cao điểm"]
    assert [u["name"] for u in found["units"]] == ["Công an tỉnh Nghệ An"]
    assert [c["id"] for c in found["clusters"]] == [linked["cluster"].pk]
    assert [e["id"] for e in found["events"]] == [linked["event"].pk]
    assert [o["name"] for o in found["officials"]] == ["Hồ Văn Tứ"]
    assert found["corrections"] == [
        {"text": "Bài trước ghi nhầm ngày.", "published_at": "2026-11-27T10:05:00+07:00"}
    ]
    assert found["cover"]["id"] == cover.pk
    assert found["cover"]["alt"] == cover.alt_text
    kinds = {(r["kind"], r["format"]) for r in found["cover"]["renditions"]}
    assert ("w480", "webp") in kinds and ("social", "jpeg") in kinds
    assert all(r["url"].startswith(f"{SITE}/media/") for r in found["cover"]["renditions"])


def test_detail_body_expands_photos_as_the_page_does_with_absolute_addresses(api, full):
    article, _cover, inside = full
    body = api.json(f"{ARTICLES}{article.pk}/")["body_html"]
    assert "data-photo=" not in body.replace("data-photo-id", "")
    assert f'data-photo-id="{inside.pk}"' in body
    assert "<picture>" in body and "Đại tá Hồ Văn Tứ phát biểu." in body and "Ảnh: Xuân Bắc" in body
    assert f'src="{SITE}/media/' in body
    assert f'srcset="{SITE}/media/' in body and f", {SITE}/media/" in body
    assert f'href="{SITE}/the/x/"' in body
    page = api.get(article.get_absolute_url()).content.decode()
    assert body.replace(SITE, "").split("<figure")[1].split("</figure>")[0] in page


def test_detail_body_is_sanitised_even_if_the_row_was_written_around_save(api, full):
    article, _cover, _inside = full
    Article.objects.filter(pk=article.pk).update(body="<p>Chào<script>alert(1)</script></p>")
    assert api.json(f"{ARTICLES}{article.pk}/")["body_html"] == "<p>Chào</p>"


def test_list_items_are_light_and_carry_bylines_and_tags(api, full):
    _article, cover, _inside = full
    [item] = api.json(ARTICLES)["results"]
    assert "body_html" not in item and "corrections" not in item
    assert item["cover"]["id"] == cover.pk
    assert [b["author"]["name"] for b in item["bylines"]] == ["Xuân Bắc", "Trọng Tuấn"]
    assert item["updated_at"] == item["published_at"]


# --- filters ---------------------------------------------------------------------------


@pytest.fixture
def two(linked):
    """The linked article and one about other things, in a child section, a week older."""
    mine = make_article(linked, "Công an Nghệ An tuần tra", published=True)
    child = SectionFactory(name="Phòng chống ma tuý", parent=linked["section"])
    other = ArticleFactory(
        title="Thanh Hoá triệt phá đường dây ma tuý",
        section=child,
        tags=[TagFactory(name="Ma tuý")],
        authors=[AuthorFactory(name="Minh Châu")],
        status=Article.Status.PUBLISHED,
        published_at=NOW - dt.timedelta(days=7),
    )
    other.units.add(UnitFactory(name="Công an tỉnh Thanh Hoá"))
    other.clusters.add(ClusterFactory(number=4))
    other.officials.add(OfficialFactory(full_name="Bùi Quang Thanh"))
    return mine, other, child


def ids(api, **params):
    return [item["id"] for item in collect(api, ARTICLES, **params)]


def test_each_filter_narrows_to_its_article(api, two, linked):
    mine, other, child = two
    assert ids(api) == [mine.pk, other.pk]
    assert ids(api, section=linked["section"].slug) == [mine.pk, other.pk]  # with its children
    assert ids(api, section=child.slug) == [other.pk]
    assert ids(api, tag="ma-tuy") == [other.pk]
    assert ids(api, author="minh-chau") == [other.pk]
    assert ids(api, unit=linked["unit"].slug) == [mine.pk]
    assert ids(api, cluster=linked["cluster"].slug) == [mine.pk]
    assert ids(api, official="bui-quang-thanh") == [other.pk]
    assert ids(api, tag="khong-co-the-nay") == []


def test_the_date_range_counts_whole_vietnamese_days(api, two):
    mine, other, _child = two
    # NOW is 10:05 on 27/11 in Hà Nội; the other article went out on 20/11.
    assert ids(api, since="2026-11-27") == [mine.pk]
    assert ids(api, until="2026-11-26") == [other.pk]
    assert ids(api, since="2026-11-20", until="2026-11-20") == [other.pk]


def test_search_folds_diacritics_and_ranks_or_orders_by_date(api, two):
    mine, other, _child = two
    assert ids(api, q="thanh hoa") == [other.pk]
    assert ids(api, q="ma tuý", ordering="published_at") == [other.pk]
    assert ids(api, q="tuan tra", ordering="-published_at") == [mine.pk]
    assert ids(api, q="cong an") == [mine.pk, other.pk]  # both leads; ties go newest first
    assert ids(api, q="tuan tra", section="phong-chong-ma-tuy") == []


def test_oldest_first_ordering(api, two):
    mine, other, _child = two
    assert ids(api, ordering="published_at") == [other.pk, mine.pk]


# --- cursor pages ------------------------------------------------------------------------


def test_cursor_pages_walk_every_article_once_even_when_one_is_published_meanwhile(
    api, linked, time_machine
):
    made = [
        ArticleFactory(
            section=linked["section"],
            status=Article.Status.PUBLISHED,
            published_at=NOW - dt.timedelta(hours=n // 2),  # pairs share a publication time
        )
        for n in range(7)
    ]
    page = api.json(ARTICLES, page_size=3)
    seen = [item["id"] for item in page["results"]]
    ArticleFactory(section=linked["section"], status="published", published_at=NOW)
    while page["next"]:
        page = api.json(page["next"].removeprefix("http://testserver"))
        seen += [item["id"] for item in page["results"]]
    expected = sorted(made, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert seen == [a.pk for a in expected]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"since": "17/07/2020"}, "since", "Ngày không hợp lệ. Ngày theo dạng YYYY-MM-DD"),
        ({"until": "2020-02-30"}, "until", "Ngày không hợp lệ."),
        ({"since": "2020-07-18", "until": "2020-07-17"}, "until", "until phải từ ngày since"),
        ({"section": "An ninh"}, "section", "Đường dẫn không hợp lệ."),
        ({"ordering": "title"}, "ordering", "Thứ tự không hợp lệ"),
        ({"ordering": "relevance"}, "ordering", "relevance cần từ khoá q."),
        ({"page_size": "0"}, "page_size", "page_size phải là số nguyên từ 1 đến 100."),
        ({"page_size": "101"}, "page_size", "page_size phải là số nguyên từ 1 đến 100."),
        ({"page_size": "mười"}, "page_size", "page_size phải là số nguyên từ 1 đến 100."),
        ({"cursor": "không-phải-con-trỏ"}, "cursor", "Con trỏ không hợp lệ"),
        ({"q": "x" * 201}, "q", "Từ khoá dài quá 200 ký tự."),
    ],
)
def test_bad_parameters_get_a_400_in_vietnamese(api, db, params, field, message):
    response = api.get(ARTICLES, params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Tham số không hợp lệ."
    assert body["errors"][field][0].startswith(message), body
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_id_is_a_vietnamese_404(api, db):
    for path in [f"{ARTICLES}999999/", f"{ARTICLES}abc/", "/api/v1/units/99999999999999999999/"]:
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Không tìm thấy."}


def test_writes_are_refused(api, full):
    article, _cover, _inside = full
    for method in (api.post, api.put, api.patch, api.delete):
        assert method(f"{ARTICLES}{article.pk}/").status_code == 405


def test_an_edit_through_the_write_path_shows_at_once(
    api, full, editor, django_capture_on_commit_callbacks
):
    article, _cover, _inside = full
    assert api.json(f"{ARTICLES}{article.pk}/")["title"] == article.title
    with django_capture_on_commit_callbacks(execute=True):
        editing.save_article(
            article, editor, changes={"title": "Tiêu đề đã sửa"}, expected_version=article.version
        )
    assert api.json(f"{ARTICLES}{article.pk}/")["title"] == "Tiêu đề đã sửa"

"""Bad input never answers 500: property-based tests (Hypothesis) over what readers and
staff can put in a URL or a form, and the cases an outside audit found.

Every answer must be one a person can act on: the page with its Vietnamese message
(200 with the form's error), a redirect, 400 (the Vietnamese "yêu cầu không hợp lệ"
page), 403, 404 or 405. Examples are few per run (the machine is shared); Hypothesis
keeps the failing ones it finds in its database and tries them first next time.
"""

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from photos import references
from tests.articles.factories import ArticleFactory, SectionFactory, TagFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ACCEPTABLE = {200, 301, 302, 400, 403, 404, 405}
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What people and scanners type: words with diacritics, dates in every shape, huge and
# negative numbers, NUL and other control characters, markup and SQL-looking text.
dates = st.one_of(
    st.builds(
        lambda d, m, y: f"{d}/{m}/{y}",
        st.integers(-1, 40),
        st.integers(-1, 14),
        st.sampled_from([0, 1, 1899, 1900, 2020, 2999, 3000, 9999, 10**6]),
    ),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
)
numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str), st.sampled_from(["", "-0", "1e9", "0x10", "NaN"])
)
words = st.text(
    alphabet=st.one_of(
        st.sampled_from("aăâbcdđeêơưyỹáàảãạ ĐÀÁ-–'\"<>&%;\\/\0\t\n"),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=60,
)
values = st.one_of(words, dates, numbers)


@pytest.fixture
def site(db):
    section = SectionFactory(name="An ninh trật tự")
    tag = TagFactory(name="Thanh Hoá")
    photo = PhotoFactory(size=(320, 200))
    article = ArticleFactory(
        published=True,
        title="Hội nghị sơ kết Cụm thi đua số 5",
        section=section,
        body=references.reference(photo.pk),
    )
    article.tags.add(tag)
    return {"section": section, "tag": tag, "article": article, "photo": photo}


def assert_answered(response, what):
    assert response.status_code in ACCEPTABLE, f"{what}: {response.status_code}"


# --- Public pages -------------------------------------------------------------------------


@FUZZ
@given(q=values, muc=values, tu=values, den=values, trang=values)
def test_the_search_page_answers_any_query(client, site, q, muc, tu, den, trang):
    params = {"q": q, "muc": muc, "tu": tu, "den": den, "trang": trang}
    assert_answered(client.get("/tim-kiem/", params), params)


@FUZZ
@given(
    path=st.sampled_from(["/", "/chuyen-muc/an-ninh-trat-tu/", "/the/thanh-hoa/", "/cum-thi-dua/"]),
    name=st.sampled_from(["trang", "nam", "page", "q"]),
    value=values,
)
def test_list_pages_answer_any_parameter(client, site, path, name, value):
    assert_answered(client.get(path, {name: value}), (path, name, value))


@FUZZ
@given(slug=st.text(alphabet=string.ascii_letters + string.digits + "-_", max_size=80))
def test_any_slug_is_a_page_or_a_404(client, site, slug):
    for prefix in ("bai-viet", "chuyen-muc", "the", "tac-gia", "don-vi", "can-bo", "rss"):
        assert_answered(client.get(f"/{prefix}/{slug}/"), (prefix, slug))


@pytest.mark.parametrize(
    "url",
    [
        "/tim-kiem/?q=thi&den=31/12/9999",
        "/tim-kiem/?q=thi&tu=01/01/0001",
        "/tim-kiem/?q=thi&tu=01/01/0001&den=31/12/9999",
        "/tim-kiem/?q=%00&trang=99999999999999999999999",
        "/chuyen-muc/an-ninh-trat-tu/?trang=99999999999999999999999",
    ],
)
def test_the_audits_public_cases_answer_in_vietnamese(client, site, url):
    response = client.get(url)
    assert response.status_code in {200, 404}
    assert 'lang="vi"' in response.content.decode()


def test_a_search_date_out_of_range_says_so(client, site):
    page = client.get("/tim-kiem/", {"q": "hội nghị", "den": "31/12/9999"}).content.decode()
    assert "Chỉ tìm được đến năm 2999." in page


# --- The admin (staff) --------------------------------------------------------------------


ADMIN_LISTS = [
    "/admin/articles/article/",
    "/admin/photos/photo/",
    "/admin/newsroom/auditentry/",
    "/admin/articles/tag/",
]
LIST_PARAMS = [
    "q",
    "p",
    "o",
    "published_at__year",
    "published_at__month",
    "published_at__day",
    "created_at__year",
    "created_at__month",
    "created_at__day",
    "created_at__gte",
    "status__exact",
    "cua",
    "duyet",
    "mo-ta",
    "e",
]


@FUZZ
@given(
    path=st.sampled_from(ADMIN_LISTS),
    params=st.dictionaries(st.sampled_from(LIST_PARAMS), values, max_size=4),
)
def test_admin_lists_answer_any_filter(admin_client, site, path, params):
    assert_answered(admin_client.get(path, params), (path, params))


@FUZZ
@given(object_id=values, tail=st.sampled_from(["change/", "phien-ban/", "history/", "delete/"]))
def test_admin_object_pages_answer_any_id(admin_client, site, object_id, tail):
    from urllib.parse import quote

    url = f"/admin/articles/article/{quote(object_id.replace('/', '_'), safe='')}/{tail}"
    assert_answered(admin_client.get(url), url)


@FUZZ
@given(term=values, field=st.sampled_from(["cover", "tags", "units", "nothing"]))
def test_admin_autocomplete_answers_any_term(admin_client, site, term, field):
    params = {"app_label": "articles", "model_name": "article", "field_name": field, "term": term}
    assert_answered(admin_client.get("/admin/autocomplete/", params), params)


@FUZZ
@given(
    selected=st.lists(values, min_size=1, max_size=3),
    action=st.sampled_from(["delete_selected", "publish", "submit", "khong-co"]),
)
def test_admin_bulk_actions_answer_any_selection(admin_client, site, selected, action):
    data = {"action": action, "_selected_action": selected, "index": "0"}
    assert_answered(admin_client.post("/admin/articles/article/", data), data)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?published_at__year=99999999999",
        "/admin/photos/photo/?created_at__year=99999999999",
        "/admin/photos/photo/?created_at__year=9999&created_at__month=12",
        "/admin/articles/article/%00/change/",
        "/admin/articles/article/999999999999999999999999/phien-ban/",
    ],
)
def test_the_audits_admin_cases_answer_in_vietnamese(admin_client, site, url):
    response = admin_client.get(url)
    assert response.status_code in {200, 302, 400, 404}
    if response.status_code == 400:
        assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_bulk_action_on_an_id_that_is_not_a_number_is_a_400(admin_client, site):
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": ["abc"], "index": "0"},
    )
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_a_programming_error_elsewhere_is_still_a_500(client, site, monkeypatch):
    """The 400 is for input on staff paths (and overflowing numbers), not every ValueError."""
    from articles import views

    def broken(self, *args, **kwargs):
        raise ValueError("a bug, not bad input")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client.raise_request_exception = False
    assert client.get("/").status_code == 500


def test_dates_in_range_are_accepted(client, site):
    today = dt.date.today().strftime("%d/%m/%Y")
    response = client.get("/tim-kiem/", {"q": "hội nghị", "tu": "01/01/1900", "den": today})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chỉ tìm được" not in page and "errorlist" not in page

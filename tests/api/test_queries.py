"""Query budgets: each list and detail answer makes the same few queries for 1 item or 100.

Counted on a cache miss (the server copy cleared before each request); a cached answer
makes none (``test_http``). The budget includes the one query bounding the copy's life by
the next scheduled publication or expiry.
"""

import datetime as dt

import pytest
from django.core.cache import cache

from articles.models import Article, Authorship, Correction
from clusters.models import (
    Award,
    ClusterYear,
    Membership,
    MovementYear,
    Participant,
    Position,
    RankAssignment,
    UnitAlias,
)
from discovery import search
from photos import references
from photos.models import Photo
from tests.api.conftest import make_article
from tests.articles.factories import AuthorFactory, TagFactory
from tests.clusters import factories as records
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def measured(api, path, params):
    cache.clear()
    response = api.get(path, params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def assert_budget(api, path, grow, budget, django_assert_num_queries, size_of, **params):
    """At most ``budget`` queries with one item, and the same number after ``grow()`` made
    it 100."""
    params["page_size"] = 100
    assert size_of(measured(api, path, params)) == 1
    cache.clear()
    baseline = count_queries(lambda: api.get(path, params))
    assert baseline <= budget
    grow()
    cache.clear()
    with django_assert_num_queries(baseline):
        found = api.get(path, params).json()
    assert size_of(found) == 100


# Years for records that already have 2020.
OTHER_YEARS = [year for year in range(1945, 2100) if year != 2020][:99]


def results(found):
    return len(found["results"])


def fake_photos(count):
    """Library rows with one rendition each: rendering needs no file, only the names."""
    return Photo.objects.bulk_create(
        Photo(
            image=f"photos/anh-{n}.jpg",
            width=800,
            height=500,
            alt_text=f"Ảnh số {n}",
            caption=f"Chú thích {n}",
            credit="Xuân Bắc",
            renditions=[
                {"kind": "w800", "format": fmt, "width": 800, "height": 500, "name": f"p{n}.{fmt}"}
                for fmt in ("jpeg", "webp")
            ],
        )
        for n in range(count)
    )


# --- articles ----------------------------------------------------------------------------


def test_article_list_budget(api, linked, django_assert_num_queries):
    first = make_article(linked, "Bài đầu tiên", published=True)
    first.cover = fake_photos(1)[0]
    first.save()

    def grow():
        for n in range(99):
            article = make_article(linked, f"Bài thứ {n}", published=True)
            article.tags.add(TagFactory(name=f"Thẻ {n}"))
            Authorship.objects.create(article=article, author=AuthorFactory(), position=2)

    assert_budget(api, "/api/v1/articles/", grow, 4, django_assert_num_queries, results)


def test_article_search_budget(api, linked, django_assert_max_num_queries):
    """The search looks for its newest matches in a few windows of time (discovery.search:
    how many depends on how the matches spread over time, not on the page); the page itself
    costs the list's queries."""
    params = {"q": "cao diem", "page_size": 100}
    make_article(linked, "Cao điểm trấn áp tội phạm", published=True)
    with django_assert_max_num_queries(10):
        assert len(api.get("/api/v1/articles/", params).json()["results"]) == 1
    for n in range(99):
        make_article(linked, f"Cao điểm trấn áp tội phạm đợt {n}", published=True)
    cache.clear()
    with django_assert_max_num_queries(10):
        # All that are ranked: the newest CANDIDATES of the hundred (discovery.search).
        found = api.get("/api/v1/articles/", params).json()["results"]
        assert len(found) == search.CANDIDATES


def test_article_detail_budget(api, linked, django_assert_num_queries):
    article = make_article(linked, "Bài có đủ mọi thứ", published=True)
    [photo] = fake_photos(1)
    Article.objects.filter(pk=article.pk).update(
        cover=photo, body=f"<p>Mở đầu.</p>{references.reference(photo.pk)}"
    )
    Correction.objects.create(article=article, text="Đính chính 0.")
    path = f"/api/v1/articles/{article.pk}/"

    def grow():
        photos = fake_photos(99)
        body = "".join(references.reference(p.pk) for p in [photo, *photos])
        Article.objects.filter(pk=article.pk).update(body=body)
        for n in range(99):
            article.tags.add(TagFactory(name=f"Thẻ {n}"))
            Authorship.objects.create(article=article, author=AuthorFactory(), position=n + 1)
            article.units.add(records.UnitFactory())
            article.clusters.add(records.ClusterFactory(number=100 + n))
            article.officials.add(records.OfficialFactory(full_name=f"Nguyễn Văn {n}"))
            article.events.add(records.EventFactory(cluster=linked["cluster"]))
            Correction.objects.create(article=article, text=f"Đính chính {n + 1}.")

    def size_of(found):
        sizes = {
            len(found[name])
            for name in ("tags", "bylines", "units", "clusters", "officials", "events")
        }
        sizes.add(len(found["corrections"]))
        sizes.add(found["body_html"].count("<figure"))
        assert len(sizes) == 1, sizes
        return sizes.pop()

    # 11 with an empty cache: the body's last step reads the glossary once (then cached).
    assert_budget(api, path, grow, 11, django_assert_num_queries, size_of)


# --- sections, tags, authors ----------------------------------------------------------------


def test_section_list_budget(api, db, django_assert_num_queries):
    from tests.articles.factories import SectionFactory

    SectionFactory()

    def grow():
        for _ in range(99):
            SectionFactory()

    assert_budget(api, "/api/v1/sections/", grow, 2, django_assert_num_queries, results)


def test_tag_and_author_list_budgets(api, linked, django_assert_num_queries):
    article = make_article(linked, "Bài công khai", published=True)

    def grow_tags():
        article.tags.add(*(TagFactory(name=f"Thẻ {n}") for n in range(99)))

    def grow_authors():
        for n in range(99):
            Authorship.objects.create(article=article, author=AuthorFactory(), position=n + 1)

    assert_budget(api, "/api/v1/tags/", grow_tags, 2, django_assert_num_queries, results)
    assert_budget(api, "/api/v1/authors/", grow_authors, 2, django_assert_num_queries, results)


# --- records -------------------------------------------------------------------------------


def test_cluster_budgets(api, db, django_assert_num_queries):
    cluster = records.ClusterFactory(number=5)
    year = ClusterYear.objects.create(cluster=cluster, year=2020)
    Membership.objects.create(cluster_year=year, unit=records.UnitFactory(), role="leader")

    def grow_list():
        for n in range(99):
            records.MembershipFactory(cluster_year__cluster__number=n + 100)

    def grow_detail():
        for year in OTHER_YEARS:
            other = ClusterYear.objects.create(cluster=cluster, year=year)
            Membership.objects.create(cluster_year=other, unit=records.UnitFactory())

    def years(found):
        return len(found["years"])

    path = f"/api/v1/clusters/{cluster.pk}/"
    assert_budget(api, path, grow_detail, 4, django_assert_num_queries, years)
    ClusterYear.objects.exclude(pk=year.pk).delete()
    assert_budget(api, "/api/v1/clusters/", grow_list, 4, django_assert_num_queries, results)


def test_unit_budgets(api, db, django_assert_num_queries):
    unit = records.UnitFactory(valid_to=dt.date(2025, 1, 1))
    UnitAlias.objects.create(unit=unit, name="CA tỉnh 0")

    def grow_detail():
        UnitAlias.objects.bulk_create(
            UnitAlias(unit=unit, name=f"CA tỉnh {n}", name_key=f"ca tinh {n}")
            for n in range(1, 100)
        )

    def grow_list():
        for _ in range(99):
            records.SuccessionFactory()

    def aliases(found):
        return len(found["aliases"])

    assert_budget(
        api, f"/api/v1/units/{unit.pk}/", grow_detail, 5, django_assert_num_queries, aliases
    )
    UnitAlias.objects.all().delete()
    assert_budget(api, "/api/v1/units/", grow_list, 5, django_assert_num_queries, results)


def test_official_budgets(api, db, django_assert_num_queries):
    official = records.OfficialFactory(full_name="Hồ Văn Tứ")
    records.PositionFactory(official=official)

    def grow_detail():
        unit = records.UnitFactory()
        title = records.title("Phó Giám đốc")
        Position.objects.bulk_create(
            Position(
                official=official,
                title=title,
                unit=unit,
                start=dt.date(1990 + n % 30, 1, 1 + n // 30),
            )
            for n in range(99)
        )

    def grow_list():
        for n in range(99):
            records.RankAssignmentFactory(official__full_name=f"Trần Văn {n}")

    def positions(found):
        return len(found["positions"])

    path = f"/api/v1/officials/{official.pk}/"
    assert_budget(api, path, grow_detail, 4, django_assert_num_queries, positions)
    RankAssignment.objects.all().delete()
    assert_budget(api, "/api/v1/officials/", grow_list, 4, django_assert_num_queries, results)


def test_event_budgets(api, db, django_assert_num_queries):
    event = records.EventFactory()
    records.ParticipantFactory(event=event)

    def grow_detail():
        Participant.objects.bulk_create(
            Participant(event=event, unit=records.UnitFactory(), position=n) for n in range(99)
        )

    def grow_list():
        for _ in range(99):
            records.ParticipantFactory()

    def participants(found):
        return len(found["participants"])

    path = f"/api/v1/events/{event.pk}/"
    assert_budget(api, path, grow_detail, 3, django_assert_num_queries, participants)
    assert_budget(api, "/api/v1/events/", grow_list, 4, django_assert_num_queries, results)


def test_movement_and_award_budgets(api, db, django_assert_num_queries):
    from clusters.models import Movement

    movement = Movement.objects.create(name="Vì an ninh Tổ quốc")
    MovementYear.objects.create(movement=movement, year=2020, slogan="Khẩu hiệu 2020")
    records.AwardFactory(
        status=Award.Status.CONFERRED, decision_number="1", decision_date="2020-12-01"
    )

    def grow_years():
        MovementYear.objects.bulk_create(
            MovementYear(movement=movement, year=year, slogan=f"Khẩu hiệu {year}")
            for year in OTHER_YEARS
        )

    def grow_awards():
        for n in range(99):
            records.AwardFactory(
                status=Award.Status.CONFERRED, decision_number=str(n), decision_date="2020-12-01"
            )

    def years(found):
        return len(found["years"])

    path = f"/api/v1/movements/{movement.pk}/"
    assert_budget(api, path, grow_years, 3, django_assert_num_queries, years)
    assert_budget(api, "/api/v1/awards/", grow_awards, 2, django_assert_num_queries, results)

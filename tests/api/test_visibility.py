"""Nothing unpublished or withheld reaches the API: by any filter, id, search or ordering."""

import pytest

from tests.api.conftest import collect

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"


def filters_of(world):
    return [
        {},
        {"q": "cao diem"},
        {"q": "Cao điểm tấn công"},
        {"section": world["section"].slug},
        {"tag": world["tag"].slug},
        {"author": world["author"].slug},
        {"unit": world["unit"].slug},
        {"cluster": world["cluster"].slug},
        {"official": world["official"].slug},
        {"since": "2000-01-01", "until": "2100-12-31"},
    ]


@pytest.mark.parametrize("ordering", [None, "-published_at", "published_at"])
@pytest.mark.parametrize("page_size", ["1", "100"])
def test_only_the_public_article_is_listed_whatever_the_filter(api, world, ordering, page_size):
    for params in filters_of(world):
        if ordering:
            params["ordering"] = ordering
        ids = [item["id"] for item in collect(api, ARTICLES, page_size=page_size, **params)]
        assert ids == [world["public"].pk], params


def test_relevance_ordering_lists_only_the_public_article(api, world):
    found = collect(api, ARTICLES, q="cao điểm", ordering="relevance", page_size=1)
    assert [item["id"] for item in found] == [world["public"].pk]


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "expired", "unpublished"])
def test_a_hidden_article_is_404_by_id(api, world, state):
    response = api.get(f"{ARTICLES}{world['hidden'][state].pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "expired", "unpublished"])
def test_a_hidden_articles_own_words_find_nothing(api, world, state):
    assert api.json(ARTICLES, q=f"bài {state}")["results"] == []


def test_the_public_article_is_found_by_id(api, world):
    assert api.json(f"{ARTICLES}{world['public'].pk}/")["id"] == world["public"].pk


def test_tags_and_authors_of_hidden_articles_do_not_exist(api, world):
    tags = collect(api, "/api/v1/tags/")
    authors = collect(api, "/api/v1/authors/")
    assert [tag["slug"] for tag in tags] == [world["tag"].slug]
    assert [author["slug"] for author in authors] == [world["author"].slug]
    for state, article in world["hidden"].items():
        own_tag = article.tags.exclude(pk=world["tag"].pk).get()
        own_author = article.authorships.exclude(author=world["author"]).get().author
        assert api.get(f"/api/v1/tags/{own_tag.pk}/").status_code == 404, state
        assert api.get(f"/api/v1/authors/{own_author.pk}/").status_code == 404, state
        assert api.json(ARTICLES, tag=own_tag.slug)["results"] == []
        assert api.json(ARTICLES, author=own_author.slug)["results"] == []


def test_the_scheduled_article_appears_once_its_time_comes(api, world, time_machine):
    scheduled = world["hidden"]["scheduled"]
    assert api.get(f"{ARTICLES}{scheduled.pk}/").status_code == 404
    time_machine.move_to(scheduled.published_at, tick=False)
    assert api.get(f"{ARTICLES}{scheduled.pk}/").status_code == 200
    assert scheduled.pk in [item["id"] for item in collect(api, ARTICLES)]


def test_the_expired_article_goes_once_its_time_comes(api, linked, time_machine):
    import datetime as dt

    from tests.api.conftest import NOW, make_article

    article = make_article(
        linked,
        "Bài hết hạn sau một giờ",
        published=True,
        expires_at=NOW + dt.timedelta(hours=1),
    )
    assert api.json(ARTICLES)["results"][0]["id"] == article.pk
    time_machine.move_to(NOW + dt.timedelta(hours=1), tick=False)
    assert api.json(ARTICLES)["results"] == []
    assert api.get(f"{ARTICLES}{article.pk}/").status_code == 404


# --- Officials: withheld never appear, initials only as initials --------------------------


def every_answer(api, people):
    paths = [
        "/api/v1/officials/",
        "/api/v1/events/",
        "/api/v1/awards/",
        f"/api/v1/events/{people['event'].pk}/",
        *(f"/api/v1/officials/{o.pk}/" for o in (people["public"], people["initials"])),
    ]
    return b"".join(api.get(path).content for path in paths)


def test_withheld_and_initials_names_never_appear(api, people):
    content = every_answer(api, people).decode()
    assert "Hồ Văn Tứ" in content
    assert "Phạm Quốc Bảo" not in content
    assert "Lê Đức Anh" not in content
    assert "L.Đ.A." in content
    assert "withheld" not in content
    assert f'"slug":"{people["withheld"].slug}"' not in content


def test_a_withheld_official_is_404_and_filters_nothing(api, people, world):
    withheld = people["withheld"]
    world["public"].officials.add(withheld)
    assert api.get(f"/api/v1/officials/{withheld.pk}/").status_code == 404
    assert api.json(ARTICLES, official=withheld.slug)["results"] == []
    detail = api.json(f"{ARTICLES}{world['public'].pk}/")
    assert [o["id"] for o in detail["officials"]] == [world["official"].pk]


def test_officials_list_only_who_may_be_named(api, people):
    found = collect(api, "/api/v1/officials/")
    assert [(o["id"], o["name"], o["disclosure"]) for o in found] == [
        (people["public"].pk, "Hồ Văn Tứ", "public"),
        (people["initials"].pk, "L.Đ.A.", "initials"),
    ]


def test_an_initials_official_has_no_portrait(api, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.photos import images

    initials = people["initials"]
    initials.photo = SimpleUploadedFile("chan-dung.jpg", images.jpeg((60, 80)))
    initials.save()
    assert api.json(f"/api/v1/officials/{initials.pk}/")["photo"] is None


def test_event_participants_and_awards_leave_out_the_withheld(api, people):
    event = api.json(f"/api/v1/events/{people['event'].pk}/")
    names = [p["official"]["name"] for p in event["participants"]]
    assert names == ["Hồ Văn Tứ", "L.Đ.A."]
    awards = collect(api, "/api/v1/awards/")
    assert sorted(a["official"]["name"] for a in awards) == ["Hồ Văn Tứ", "L.Đ.A."]


def test_proposed_awards_are_not_listed(api, db):
    from tests.clusters.factories import AwardFactory

    AwardFactory()  # proposed, no decision yet
    assert api.json("/api/v1/awards/")["results"] == []

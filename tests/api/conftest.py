import datetime as dt

import pytest

from clusters.models import Award, Official
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.clusters import factories as records

NOW = dt.datetime(2026, 11, 27, 3, 5, tzinfo=dt.UTC)

HIDDEN_STATES = {
    "draft": {},
    "in_review": {"in_review": True},
    "scheduled": {"scheduled": True},
    "expired": {"expired": True},
    "unpublished": {"unpublished": True},
}


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def api(client):
    """The Django test client on the API; ``api.json(path, **params)`` asserts a 200."""

    def json(path, **params):
        response = client.get(path, params)
        assert response.status_code == 200, (path, params, response.content[:500])
        return response.json()

    client.json = json
    return client


def collect(api, path, **params):
    """Every item of a list endpoint, following ``next`` to the end."""
    page = api.json(path, **params)
    items = list(page["results"])
    while page["next"]:
        page = api.json(page["next"].removeprefix("http://testserver"))
        items += page["results"]
    return items


@pytest.fixture
def linked(db):
    """A section, tag, author and one record of each kind that every article links to."""
    cluster = records.ClusterFactory(number=5)
    unit = records.UnitFactory(name="Công an tỉnh Nghệ An")
    return {
        "section": SectionFactory(name="An ninh trật tự"),
        "tag": TagFactory(name="Cao điểm"),
        "author": AuthorFactory(name="Trọng Tuấn"),
        "unit": unit,
        "cluster": cluster,
        "official": records.OfficialFactory(full_name="Hồ Văn Tứ"),
        "event": records.EventFactory(cluster=cluster, host_unit=unit),
    }


def make_article(linked, title, **state):
    article = ArticleFactory(
        title=title,
        section=linked["section"],
        tags=[linked["tag"]],
        authors=[linked["author"]],
        **state,
    )
    article.units.add(linked["unit"])
    article.clusters.add(linked["cluster"])
    article.officials.add(linked["official"])
    article.events.add(linked["event"])
    return article


@pytest.fixture
def world(linked):
    """One public article and one of each hidden state, all linked alike and all matching
    the search "cao điểm"; each hidden one also carries a tag and a byline of its own."""
    public = make_article(
        linked, "Cao điểm tấn công trấn áp tội phạm: bài công khai", published=True
    )
    hidden = {}
    for state, traits in HIDDEN_STATES.items():
        article = make_article(linked, f"Cao điểm tấn công trấn áp tội phạm: bài {state}", **traits)
        article.tags.add(TagFactory(name=f"Thẻ riêng {state}"))
        ArticleFactory._meta.model.objects.filter(pk=article.pk).refresh_search_documents()
        hidden[state] = article
        article.authorships.create(author=AuthorFactory(name=f"Bút danh {state}"), position=1)
    return {"public": public, "hidden": hidden, **linked}


@pytest.fixture
def people(db):
    """An official of each disclosure, each with a rank, a position, a conferred award and
    a part in an event; the withheld and the initials-only have names never to be shown."""
    event = records.EventFactory()
    found = {}
    for disclosure, name in [
        (Official.Disclosure.PUBLIC, "Hồ Văn Tứ"),
        (Official.Disclosure.INITIALS, "Lê Đức Anh"),
        (Official.Disclosure.WITHHELD, "Phạm Quốc Bảo"),
    ]:
        official = records.OfficialFactory(full_name=name, disclosure=disclosure)
        records.RankAssignmentFactory(official=official)
        records.PositionFactory(official=official)
        records.ParticipantFactory(event=event, official=official)
        records.AwardFactory(
            official=official,
            unit=None,
            status=Award.Status.CONFERRED,
            decision_number=f"123/QĐ-BCA-{disclosure}",
            decision_date=dt.date(2020, 12, 1),
        )
        found[disclosure] = official
    return {"event": event, **found}

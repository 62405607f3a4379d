import datetime as dt
import re
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client

from articles import editing, locking
from articles.models import Article
from tests import factories
from tests.articles.factories import ArticleFactory
from tests.articles.steps import step
from tests.editorial.article_form import change_url, form_data, open_form

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = dt.datetime(2026, 11, 27, 10, 5, tzinfo=HANOI)


@pytest.fixture
def second_editor(db):
    return factories.editor(username="bientap2", first_name="Xuân Bắc", last_name="Lê")


@pytest.fixture
def two_open_forms(editor, second_editor):
    article = ArticleFactory(title="Hội nghị sơ kết", lead="Sapo ban đầu.")
    first, second = Client(), Client()
    with time_machine.travel(MORNING, tick=False):
        first_version = open_form(first, editor, article)
        second_version = open_form(second, second_editor, article)
    with time_machine.travel(MORNING + dt.timedelta(minutes=3), tick=False):
        saved = first.post(
            change_url(article),
            form_data(article, title="Bản của người thứ nhất", loaded_version=first_version),
        )
    assert saved.status_code == 302
    typed = form_data(
        article,
        title="Bản của người thứ hai",
        lead="Sapo người thứ hai gõ, có dấu đầy đủ.",
        loaded_version=second_version,
    )
    with time_machine.travel(MORNING + dt.timedelta(minutes=4), tick=False):
        refused = second.post(change_url(article), typed)
    return article, second, refused


def test_second_save_from_a_stale_form_is_refused(two_open_forms):
    article, _, refused = two_open_forms
    assert refused.status_code == 200
    article.refresh_from_db()
    assert article.title == "Bản của người thứ nhất"


def test_refusal_names_who_saved_in_between_and_when(two_open_forms):
    _, _, refused = two_open_forms
    html = refused.content.decode()
    assert "Chưa lưu: Nguyễn Văn An đã lưu bài này lúc 10:08:00 ngày 27/11/2026" in html


def test_refused_form_keeps_everything_the_second_person_typed(two_open_forms):
    _, _, refused = two_open_forms
    html = refused.content.decode()
    assert 'value="Bản của người thứ hai"' in html
    assert "Sapo người thứ hai gõ, có dấu đầy đủ." in html


def test_saving_again_after_the_refusal_is_a_deliberate_overwrite(two_open_forms):
    article, second, refused = two_open_forms
    html = refused.content.decode()
    version = int(re.search(r'name="loaded_version" value="(\d+)"', html).group(1))
    response = second.post(
        change_url(article),
        form_data(article, title="Bản của người thứ hai", loaded_version=version),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản của người thứ hai"


def test_a_workflow_step_in_between_also_refuses_the_stale_form(client, editor, second_editor):
    article = ArticleFactory()
    version = open_form(client, editor, article)
    step("submit", article, second_editor)
    response = client.post(
        change_url(article), form_data(article, title="Sửa muộn", loaded_version=version)
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_a_form_without_its_version_is_refused(client, editor):
    article = ArticleFactory(title="Giữ nguyên")
    client.force_login(editor)
    data = form_data(article, title="Sửa không phiên bản")
    del data["loaded_version"]
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "Giữ nguyên"


def test_claim_takes_the_row_at_the_loaded_version(editor):
    article = ArticleFactory()
    assert locking.claim(article.pk, article.version) == article


def test_claim_reports_the_stored_version_and_who_saved_it(editor):
    article = ArticleFactory()
    article.updated_by = editor
    article.save()
    with pytest.raises(locking.Conflict) as refused:
        locking.claim(article.pk, article.version - 1)
    assert refused.value.version == article.version
    assert refused.value.name == "Nguyễn Văn An"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_roles")
def test_of_two_simultaneous_saves_from_the_same_version_exactly_one_wins():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    article = ArticleFactory()
    user = factories.editor(username="bientap")
    loaded = article.version
    barrier = threading.Barrier(2)
    outcomes = []

    def save(title):
        try:
            with transaction.atomic():
                barrier.wait()
                editing.save_article(
                    Article.objects.get(pk=article.pk),
                    user,
                    changes={"title": title},
                    expected_version=loaded,
                )
                time.sleep(0.2)  # hold the row while the other save waits
            outcomes.append((title, True))
        except locking.Conflict:
            outcomes.append((title, False))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(f"Bản {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [title for title, won in outcomes if won]
    assert len(outcomes) == 2
    assert len(winners) == 1
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == winners[0]
    assert stored.version == loaded + 1

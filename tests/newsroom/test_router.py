"""Public reads on the replica; the admin, writes and transactions on the primary.

The test settings define "replica" as a TEST MIRROR of the default database: a
second connection to the same test database, so what it reads is what was
committed through the primary, as with a real replica without lag.
"""

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsroom import routers
from newsroom.models import Publisher
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


@pytest.fixture(autouse=True)
def _roles():
    """Transactional tests flush the database, groups included; put the roles back."""
    from django.apps import apps

    from newsroom.roles import sync_roles

    sync_roles(apps)


@pytest.fixture
def replica(settings):
    settings.DATABASE_READ_REPLICA = "replica"


def queries_on_each(callable_):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        result = callable_()
    return result, len(primary), len(replica)


def test_a_readers_page_is_read_from_the_replica(replica):
    article = ArticleFactory(published=True, title="Bài đọc từ bản sao")
    response, on_primary, on_replica = queries_on_each(
        lambda: Client().get(article.get_absolute_url())
    )
    assert response.status_code == 200
    assert "Bài đọc từ bản sao" in response.content.decode()
    assert on_replica > 0
    assert on_primary == 0


def test_without_a_replica_everything_is_read_from_the_primary():
    response, on_primary, on_replica = queries_on_each(lambda: Client().get("/"))
    assert response.status_code == 200
    assert on_replica == 0
    assert on_primary > 0


def test_the_admin_reads_from_the_primary(replica, admin_user):
    browser = Client()
    browser.force_login(admin_user)
    response, on_primary, on_replica = queries_on_each(lambda: browser.get("/admin/"))
    assert response.status_code == 200
    assert on_replica == 0
    assert on_primary > 0


def test_a_signed_in_editor_previewing_the_site_reads_from_the_primary(replica, editor):
    browser = Client()
    browser.force_login(editor)
    _, on_primary, on_replica = queries_on_each(lambda: browser.get("/"))
    assert on_replica == 0
    assert on_primary > 0


def test_a_sign_in_posts_to_the_primary(replica, editor):
    response, _, on_replica = queries_on_each(
        lambda: Client().post(
            "/admin/login/", {"username": "bientap", "password": "mat-khau-thu-nghiem"}
        )
    )
    assert response.status_code == 302
    assert on_replica == 0


def test_after_a_write_the_request_reads_the_primary(replica):
    router = routers.PrimaryReplicaRouter()
    token = routers._public_read.set(True)
    try:
        assert router.db_for_read(Publisher) == "replica"
        assert router.db_for_write(Publisher) == "default"
        assert router.db_for_read(Publisher) == "default"
    finally:
        routers._public_read.reset(token)


def test_inside_a_transaction_reads_use_the_primary(replica):
    router = routers.PrimaryReplicaRouter()
    token = routers._public_read.set(True)
    try:
        with transaction.atomic():
            assert router.db_for_read(Publisher) == "default"
        assert router.db_for_read(Publisher) == "replica"
    finally:
        routers._public_read.reset(token)


def test_outside_a_request_reads_use_the_primary(replica):
    assert routers.PrimaryReplicaRouter().db_for_read(Publisher) == "default"


def test_the_replica_is_never_migrated():
    router = routers.PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False


def test_rows_from_either_alias_may_be_related(replica):
    router = routers.PrimaryReplicaRouter()
    on_primary = Publisher.objects.create(site_name="Một")
    on_replica = Publisher.objects.using("replica").get(pk=on_primary.pk)
    assert router.allow_relation(on_primary, on_replica) is True

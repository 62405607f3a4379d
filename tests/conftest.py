import pytest

from tests import factories


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".strip()


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test writes media to its own folder and starts with an empty cache."""
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def transactional_roles(transactional_db):
    """Transactional tests flush the database, groups included; put the roles back."""
    from django.apps import apps

    from newsroom.roles import sync_roles

    sync_roles(apps)


@pytest.fixture
def reporter(db):
    return factories.reporter(username="phongvien")


@pytest.fixture
def other_reporter(db):
    return factories.reporter(username="phongvien2", first_name="Xuân Bắc", last_name="Lê")


@pytest.fixture
def editor(db):
    return factories.editor(username="bientap")


@pytest.fixture
def records_officer(db):
    return factories.records_officer(username="hoso")

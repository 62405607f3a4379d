import socket

import pytest


def _database_vendor():
    from django.db import connection

    return connection.vendor


def pytest_runtest_setup(item):
    vendor = _database_vendor()
    if item.get_closest_marker("postgres") and vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")
    if item.get_closest_marker("sqlite") and vendor != "sqlite":
        pytest.skip("the SQLite variant; this run is on PostgreSQL")


@pytest.fixture
def closed_port():
    """A local TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

import pytest

from tests.importer import records as corpus_records


@pytest.fixture
def records(db):
    """The demo records (Cụm thi đua số 5, the 2025 successions, officials) plus a namesake."""
    return corpus_records.build()

"""The OpenAPI schema: committed in step with the code, and the API answers as it says.

schemathesis generates requests from the schema for every operation (``MAX_EXAMPLES``
each, so the run stays well under two minutes) and checks each answer: no server error,
a documented status code and content type, headers and body matching the schema.
"""

from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newsroom.wsgi import application

COMMITTED = Path(__file__).resolve().parents[2] / "api" / "openapi.yaml"
MAX_EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def test_the_committed_schema_is_the_codes(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--validate", "--fail-on-warn")
    assert generated.read_text() == COMMITTED.read_text(encoding="utf-8"), (
        "api/openapi.yaml is out of date: .venv/bin/python manage.py spectacular "
        "--file api/openapi.yaml --validate --fail-on-warn"
    )


def test_the_schema_is_served_and_documented_in_vietnamese(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "API đọc tin bài và hồ sơ thi đua"
    summaries = [op["summary"] for item in document["paths"].values() for op in item.values()]
    assert "Danh sách bài viết đã đăng" in summaries
    assert len(document["paths"]) == 20


@pytest.mark.django_db
def test_the_docs_page_is_vietnamese_and_needs_no_other_site(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "<h1>API đọc dữ liệu</h1>" in page
    assert "Danh sách bài viết đã đăng" in page and "Chuyên mục (gồm cả chuyên mục con)." in page
    assert "swagger-ui-bundle.js" in page and "https://" not in page.split("<main")[1]
    script = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert script.status_code == 200


schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def data(world, people, settings):
    """Public and hidden articles and records, and no rate limit for the generated load.

    schemathesis calls the WSGI handler itself, which closes the database connection at
    the end of each request (on PostgreSQL that ends the test's transaction); Django's
    test client holds that back in the same way.
    """
    settings.API_RATE_LIMIT = None
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_answers_as_its_schema_says(case, data):
    case.call_and_validate(checks=CHECKS)

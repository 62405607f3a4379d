"""The OpenAPI schema's shared parts: the error body and the answers every operation can give.

``add_common_answers`` is drf-spectacular's postprocessing hook (settings:
``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``). The schema is committed as
``api/openapi.yaml``; ``tests/api/test_schema.py`` fails when it differs from the code's.
"""

from drf_spectacular.hooks import postprocess_schema_enums

ERROR = {
    "type": "object",
    "description": "Lỗi, bằng tiếng Việt.",
    "properties": {
        "detail": {"type": "string", "description": "Thông báo lỗi."},
        "errors": {
            "type": "object",
            "description": "Chỉ khi tham số sai: tên tham số và các thông báo về nó.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}
VALIDATORS = {
    "ETag": {
        "description": "Dấu của câu trả lời; gửi lại bằng If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {"description": "Lúc máy chủ tạo dữ liệu.", "schema": {"type": "string"}},
    "Cache-Control": {"description": "public, max-age, s-maxage…", "schema": {"type": "string"}},
}


def _error(description):
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _without_database_ranges(schema):
    """Drop the integer bounds Django takes from the database (SQLite's and PostgreSQL's
    differ), so the schema is the same on both; they say nothing about what is answered."""
    if isinstance(schema, dict):
        if schema.get("type") == "integer" and "maximum" in schema:
            for bound in ("maximum", "minimum", "format"):
                schema.pop(bound, None)
        for value in schema.values():
            _without_database_ranges(value)
    elif isinstance(schema, list):
        for value in schema:
            _without_database_ranges(value)


def add_common_answers(result, generator, request, public):
    result = postprocess_schema_enums(result, generator, request=request, public=public)
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    _without_database_ranges(schemas)
    schemas["Error"] = ERROR
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            answers = operation.setdefault("responses", {})
            if "200" in answers:
                answers["200"]["description"] = answers["200"].get("description") or "Kết quả."
                answers["200"].setdefault("headers", {}).update(VALIDATORS)
            answers["304"] = {
                "description": "Không đổi so với If-None-Match hoặc If-Modified-Since; không có "
                "nội dung.",
                "headers": VALIDATORS,
            }
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                answers["400"] = _error("Tham số không hợp lệ; `errors` nêu từng tham số.")
            if "{" in path:
                answers["404"] = _error("Không có, hoặc không công khai.")
            answers["429"] = {
                **_error("Quá nhiều yêu cầu từ một địa chỉ; thử lại sau Retry-After giây."),
                "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            }
    return result

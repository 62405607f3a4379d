"""Cursor pagination: stable pages under inserts, no counting, bad input refused in Vietnamese."""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

MAX_PAGE_SIZE = 100
PAGE_SIZE = 20


class Cursor(CursorPagination):
    page_size = PAGE_SIZE
    max_page_size = MAX_PAGE_SIZE
    page_size_query_param = "page_size"
    page_size_query_description = f"Số mục mỗi trang, 1–{MAX_PAGE_SIZE} (mặc định {PAGE_SIZE})."
    cursor_query_description = (
        "Con trỏ trang: dùng nguyên địa chỉ next/previous trang trước trả về."
    )
    ordering = ("id",)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"page_size phải là số nguyên từ 1 đến {self.max_page_size}."]}
            )
        return int(raw)

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound:
            raise ValidationError(
                {"cursor": ["Con trỏ không hợp lệ: dùng nguyên địa chỉ next/previous API trả về."]}
            ) from None

    def get_ordering(self, request, queryset, view):
        ordering = getattr(view, "cursor_ordering", None)
        return ordering(request) if callable(ordering) else self.ordering

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
        return parameters

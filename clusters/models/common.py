"""Dates and years shared by the records: validity periods, year bounds and checks."""

import datetime

from django.db import models
from django.db.models import Q

MIN_YEAR = 1945
MAX_YEAR = 2100


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)


def year_check(field, name):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR}),
        name=name,
        violation_error_message=f"Năm phải trong khoảng {MIN_YEAR}–{MAX_YEAR}.",
    )


def format_period(start, end):
    if end is None:
        return f"từ {start:%d/%m/%Y}"
    return f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"

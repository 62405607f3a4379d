"""The audit log as editors read it: details as text, and the CSV export.

Entries are written by ``newsroom.audit.record``, in the transaction of the change.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

from newsroom import text

CSV_HEADER = [
    "Thời điểm",
    "Người thực hiện",
    "Tài khoản",
    "Việc làm",
    "Bài viết",
    "Mã bài",
    "Chi tiết",
]


def describe(details):
    """Details as a reader of the CSV wants them: "key: value; …"."""
    parts = []
    for key, value in (details or {}).items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


# A cell starting with one of these is a formula to spreadsheet programs; titles and
# notes are typed by users, so such a cell is prefixed with an apostrophe (OWASP advice).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    value = str(value)
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def csv_response(entries, filename="nhat-ky-bien-tap.csv"):
    """The entries as a CSV that spreadsheet programs open with Vietnamese intact.

    The UTF-8 byte order mark is what tells Excel the file is UTF-8.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for entry in entries:
        row = [
            timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S"),
            entry.actor_name,
            entry.actor.get_username() if entry.actor else "",
            entry.get_action_display(),
            text.clean_line(entry.article_repr),
            entry.article_id or "",
            describe(entry.details),
        ]
        writer.writerow([_cell(value) for value in row])
    return response

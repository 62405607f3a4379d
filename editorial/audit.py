"""The audit log as editors read it: each entry labelled, the link to its subject, the CSV.

Entries are written by ``newsroom.audit.record`` in the transaction of the change and
labelled by ``newsroom.audit.describe`` when shown: here, in the log's admin and in an
article's history.
"""

import csv

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from newsroom import audit, text
from newsroom.models import AuditEntry

CSV_HEADER = [
    "Thời điểm",
    "Người thực hiện",
    "Tài khoản",
    "Việc làm",
    "Loại đối tượng",
    "Đối tượng",
    "Mã",
    "Chi tiết",
]


def log_of(subject, limit=200):
    """The newest entries about one object (an article's history), each described."""
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor", "content_type")[:limit]
    return [(entry, described(entry)) for entry in entries]


def described(entry):
    """``audit.describe(entry)``, worked out once per entry however often it is shown."""
    if not hasattr(entry, "_description"):
        entry._description = audit.describe(entry)
    return entry._description


def subject_url(entry):
    """The admin page of the entry's subject, while there may still be one."""
    if entry.content_type is None or entry.object_id is None:
        return None
    if entry.action.endswith(".deleted"):
        return None
    name = f"admin:{entry.content_type.app_label}_{entry.content_type.model}_change"
    try:
        return reverse(name, args=[entry.object_id])
    except NoReverseMatch:
        return None


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
        description = described(entry)
        row = [
            timezone.localtime(entry.at).strftime("%d/%m/%Y %H:%M:%S"),
            entry.actor_name,
            entry.actor.get_username() if entry.actor else "",
            description.action,
            description.subject_kind,
            text.clean_line(entry.object_repr),
            entry.object_id or "",
            description.details_text,
        ]
        writer.writerow([_cell(value) for value in row])
    return response

"""The audit log as data: what the apps record, and how it reads in Vietnamese.

An entry's ``action`` is a machine key ("article.published") and its ``details`` a JSON
object of machine keys and primitive values, dates as ISO 8601 text. Each app registers
the labels of the actions and detail keys it writes (``register_action``,
``register_detail``, at import of the module that owns the action); ``describe`` applies
them whenever an entry is shown — the log's admin, an article's history and the CSV all
go through it — so the wording can change without touching a stored row. A key nobody
registered shows as it is.

``record`` is called inside the transaction that makes the change, so the log and the
data never disagree: a rolled-back publication leaves no "published" line.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.utils import timezone

from . import text
from .models import AuditEntry

# "article.published", "photo.cleared": dotted lower-case words. Detail keys: one word.
ACTION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+$")
DETAIL_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")

Formatter = Callable[[object, AuditEntry], str]

_actions: dict[str, str] = {}
_details: dict[str, tuple[str, Formatter | None]] = {}


# --- Labels -----------------------------------------------------------------------------


def register_action(key: str, label: str) -> None:
    """Label an action key; registering it again with another label is a mistake."""
    _check_key(key, ACTION_KEY_RE, "action")
    if _actions.setdefault(key, label) != label:
        raise ImproperlyConfigured(f"audit action {key!r} is already labelled {_actions[key]!r}")


def register_detail(key: str, label: str, formatter: Formatter | None = None) -> None:
    """Label a detail key; ``formatter(value, entry)`` turns its value into text."""
    _check_key(key, DETAIL_KEY_RE, "detail")
    if _details.setdefault(key, (label, formatter)) != (label, formatter):
        raise ImproperlyConfigured(f"audit detail {key!r} is already registered differently")


def unregister_action(key: str) -> None:
    """Forget an action's label (a step taken out of the workflow's table)."""
    _actions.pop(key, None)


def action_label(key: str) -> str:
    return _actions.get(key, key)


def registered_actions() -> list[tuple[str, str]]:
    """(key, label) of every registered action, in Vietnamese order of the labels."""
    return sorted(_actions.items(), key=lambda item: text.sort_key(item[1]))


def _check_key(key, pattern, kind):
    if not isinstance(key, str) or not pattern.match(key):
        raise ValueError(f"audit {kind} key {key!r} is not a machine key")


# --- Formatters ---------------------------------------------------------------------------


def plain(value, entry=None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(plain(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {plain(item)}" for key, item in value.items())
    return str(value)


def moment(value, entry=None) -> str:
    """An ISO date-time as the newsroom reads it: "10:05 ngày 27/11/2026"."""
    try:
        return text.format_moment(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return plain(value)


def field_names(value, entry=None) -> str:
    """Field names of the entry's subject by their labels: ["title", "tags"] → "tiêu đề, thẻ"."""
    model = entry.content_type.model_class() if entry is not None and entry.content_type else None
    names = value if isinstance(value, list) else [value]
    return ", ".join(field_label(model, name) for name in names)


def field_label(model, name):
    """A field's label ("tiêu đề" for an article's "title"); the name when there is none."""
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    if field is None:
        return str(name)
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name)  # a reverse relation: its rows' name


# --- Writing ------------------------------------------------------------------------------


def actor_name(user):
    """A person's name in Vietnamese order, family name first: "Nguyễn Văn An"
    (the account keeps the family name as ``last_name``)."""
    if user is None:
        return "Hệ thống"
    full = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return full or user.get_username()


def record(action: str, user, subject=None, **details) -> AuditEntry:
    """Write one entry: ``user`` did ``action`` to ``subject`` (any model instance or None).

    ``details`` take machine keys and JSON values; datetimes and dates become ISO text
    here (datetimes in local time with their offset). Anything else is refused.
    """
    _check_key(action, ACTION_KEY_RE, "action")
    for key in details:
        _check_key(key, DETAIL_KEY_RE, "detail")
    return AuditEntry.objects.create(
        action=action,
        actor=user if user is not None and user.pk else None,
        actor_name=actor_name(user),
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=subject.pk if subject is not None else None,
        object_repr=str(subject)[:300] if subject is not None else "",
        details={key: _json(value, key) for key, value in details.items()},
    )


def _json(value, where):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json(item, where) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: _json(item, f"{where}.{key}") for key, item in value.items()}
    raise TypeError(f"audit detail {where!r}: {type(value).__name__} is not a JSON primitive")


# --- Reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Description:
    """An entry as people read it: the action's label and each detail as (label, text)."""

    action: str
    subject_kind: str
    details: tuple[tuple[str, str], ...]

    @property
    def details_text(self):
        return "; ".join(f"{label}: {value}" for label, value in self.details)


def describe(entry: AuditEntry) -> Description:
    details = []
    for key, value in (entry.details or {}).items():
        label, formatter = _details.get(key, (key, None))
        details.append((label, (formatter or plain)(value, entry)))
    return Description(action_label(entry.action), subject_kind(entry), tuple(details))


def subject_kind(entry: AuditEntry) -> str:
    """What kind of thing the subject is ("bài viết", "ảnh"), or "" without one."""
    if entry.content_type is None:
        return ""
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model is not None else entry.content_type.model


# Keys every app's entries share.
register_detail("version", "phiên bản")
register_detail("changed", "đã sửa", field_names)
register_detail("note", "ý kiến")

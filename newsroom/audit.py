"""The audit log: one ``AuditEntry`` per thing done in the newsroom.

Callers write the entry inside the transaction that makes the change, so the log
and the data never disagree: a rolled-back publication leaves no "published" line.
"""

from .models import AuditEntry

Action = AuditEntry.Action


def actor_name(user):
    if user is None:
        return "Hệ thống"
    return user.get_full_name().strip() or user.get_username()


def record(action, user, article=None, **details):
    return AuditEntry.objects.create(
        action=action,
        actor=user if user is not None and user.pk else None,
        actor_name=actor_name(user),
        article=article if article is not None and article.pk else None,
        article_repr=str(article)[:300] if article is not None else "",
        details=details,
    )

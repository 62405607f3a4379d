"""The one write path for records: units, clusters, officials, events… whoever saves them.

``save_record`` is everything a save of a record means, in one transaction: permission,
validation (``full_clean``), the derived fields (``newsroom.derived``, in ``save()``), the
related rows saved with it (an official's ranks and positions, a unit's other names),
one revision (django-reversion, following the rows registered with the model), one audit
entry (``record.created`` / ``record.edited``) and ``newsroom.changes.record_changed``
after the commit, naming the public pages the change can have altered (``pages_of``).
``delete_record`` ends a record the same way. The admin (its hooks only call these),
``seed_demo``, the importer and the API write records here.
"""

from collections.abc import Callable, Iterable

import reversion
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse

from newsroom import audit
from newsroom.changes import Pages, announce, paths_of
from newsroom.derived import DerivedFields
from newsroom.roles import staff_may

from .models import (
    Award,
    Cluster,
    ClusterYear,
    EmulationBlock,
    Event,
    Membership,
    Movement,
    MovementYear,
    Official,
    Participant,
    Position,
    PositionTitle,
    Rank,
    RankAssignment,
    Succession,
    Unit,
    UnitAlias,
)

CREATED = "record.created"
EDITED = "record.edited"
DELETED = "record.deleted"
audit.register_action(CREATED, "Tạo hồ sơ")
audit.register_action(EDITED, "Sửa hồ sơ")
audit.register_action(DELETED, "Xoá hồ sơ")

# What a revision holds. Registered here, children first, rather than left to
# VersionAdmin's auto-registration: that depends on which admin is built first (ClusterYear is
# also an inline of Cluster) and would drop the memberships from its versions.
for child in (
    UnitAlias,
    Succession,
    Membership,
    MovementYear,
    RankAssignment,
    Position,
    Participant,
):
    reversion.register(child)
for model, follow in [
    (Unit, ["aliases", "successor_links"]),
    (ClusterYear, ["memberships"]),
    (Cluster, ["years"]),
    (Movement, ["years"]),
    (Official, ["rank_assignments", "positions"]),
    (Event, ["participants"]),
    (EmulationBlock, []),
    (Rank, []),
    (PositionTitle, []),
    (Award, []),
]:
    reversion.register(model, follow=follow)

# Fields the records derive (newsroom.derived): never reported as changed.
DERIVED = {"search_text", "sort_name", "name_key", "short_name_key"}

SaveRelated = Callable[[models.Model], Iterable[str]]


def save_record(
    record: models.Model,
    user,
    *,
    rows: Iterable[models.Model] = (),
    save_related: SaveRelated | None = None,
    comment: str = "",
    validate: bool = True,
) -> models.Model:
    """Create ``record`` (unsaved) or save its changes, as ``user``; return it, stored.

    ``rows``: related rows to add or change (a ``UnitAlias``; a ``ClusterYear`` and then
    its ``Membership`` rows), saved after the record in order, their link to it set.
    ``save_related(record)``: saves related rows in its own way (the admin's inline
    formsets) and returns the names of the relations it changed. ``validate``: derive
    and ``full_clean`` the record and the rows (the admin's forms have validated). ``user``
    None is the system (a command, the demo). Raises PermissionDenied or ValidationError
    (with Vietnamese messages); nothing is written then.
    """
    created = record.pk is None
    _check_permission(user, record, "add" if created else "change")
    rows = list(rows)
    with transaction.atomic(), reversion.create_revision():
        before = _stored_values(record)
        pages = Pages() if created else pages_of(_stored(record))
        if validate:
            _validate(record)
        record.save()
        changed = _changed(record, before)
        for row in rows:
            changed.add(_attach(row, record))
            if validate:
                _validate(row)
            row.save()
        if save_related is not None:
            changed.update(save_related(record) or ())
        action = CREATED if created else EDITED
        reversion.add_to_revision(record)
        reversion.set_user(user)
        reversion.set_comment(comment or ("Tạo mới." if created else "Đã sửa."))
        audit.record(action, user, record, changed=sorted(changed))
        announce(record, action, user, changed=changed, pages=pages | pages_of(record))
    return record


def delete_record(record: models.Model, user) -> None:
    """Delete ``record`` as ``user``: audit entry, then ``record_changed`` on commit."""
    _check_permission(user, record, "delete")
    with transaction.atomic():
        pages = pages_of(record)
        changed = set(_stored_values(record))
        audit.record(DELETED, user, record)
        announce(record, DELETED, user, changed=changed, pages=pages)
        record.delete()


def _check_permission(user, record, verb):
    if user is None:
        return
    opts = record._meta
    if not staff_may(user, f"{opts.app_label}.{verb}_{opts.model_name}"):
        raise PermissionDenied(f"Bạn không có quyền ghi {opts.verbose_name} này.")


def _reported_fields(record):
    return [
        field
        for field in record._meta.concrete_fields
        if not field.primary_key and field.name not in DERIVED
    ]


def _stored(record):
    return type(record)._default_manager.get(pk=record.pk)


def _stored_values(record):
    fields = _reported_fields(record)
    if record.pk is None:
        return {}
    row = (
        type(record)
        ._default_manager.filter(pk=record.pk)
        .values(*(field.attname for field in fields))
    )
    stored = row.first() or {}
    return {field.name: stored.get(field.attname) for field in fields}


def _changed(record, before):
    now = {field.name: getattr(record, field.attname) for field in _reported_fields(record)}
    if not before:
        return {name for name, value in now.items() if value not in (None, "")}
    return {name for name, value in now.items() if before.get(name) != value}


def _validate(instance):
    # Derived fields first (a slug, a look-up key): they are required, and constraints
    # are checked on them.
    if isinstance(instance, DerivedFields):
        instance.derived.apply(instance)
    instance.full_clean()


def _attach(row, record):
    """Point the row's free link to the record's model at the record (a row further down,
    such as a membership of a cluster's year, keeps its own); return the relation's name."""
    links = [field for field in row._meta.concrete_fields if field.many_to_one]
    for field in links:
        # A link to a row saved earlier in the same write (a year, for its members).
        related = field.get_cached_value(row, None)
        if related is not None and getattr(row, field.attname) is None:
            setattr(row, field.attname, related.pk)
    for field in links:
        if field.related_model is type(record) and getattr(row, field.attname) in (
            None,
            record.pk,
        ):
            setattr(row, field.name, record)
            return field.remote_field.get_accessor_name()
    return links[0].remote_field.get_accessor_name()


# --- The pages a record shows on ---------------------------------------------------------

CLUSTER_INDEX = "clusters:cluster_list"


def pages_of(record) -> Pages:
    """The public pages showing ``record`` as it is stored now (see ``newsroom.changes``)."""
    for model, pages in _PAGES.items():
        if isinstance(record, model):
            return pages(record)
    return Pages()


def _index():
    return frozenset({reverse(CLUSTER_INDEX)})


def _articles(record):
    return frozenset(record.articles.values_list("pk", flat=True))


def _unit(unit):
    linked = Unit.objects.filter(
        models.Q(pk=unit.parent_id)
        | models.Q(parent=unit)
        | models.Q(successor_links__successor=unit)
        | models.Q(predecessor_links__predecessor=unit)
    ).distinct()
    clusters = Cluster.objects.filter(
        models.Q(years__memberships__unit=unit) | models.Q(events__host_unit=unit)
    ).distinct()
    officials = Official.objects.public().filter(positions__unit=unit).distinct()
    return Pages(paths_of(unit, *linked, *clusters, *officials) | _index(), _articles(unit))


def _block(block):
    return Pages(paths_of(*Cluster.objects.filter(block=block)) | _index())


def _cluster(cluster):
    units = Unit.objects.filter(memberships__cluster_year__cluster=cluster).distinct()
    officials = Official.objects.public().filter(participations__event__cluster=cluster).distinct()
    return Pages(paths_of(cluster, *units, *officials) | _index(), _articles(cluster))


def _cluster_year(cluster_year):
    units = Unit.objects.filter(memberships__cluster_year=cluster_year).distinct()
    return Pages(paths_of(cluster_year.cluster, *units) | _index())


def _movement(movement):
    return Pages(paths_of(*Cluster.objects.filter(years__isnull=False).distinct()))


def _official(official):
    units = Unit.objects.filter(positions__official=official).distinct()
    clusters = Cluster.objects.filter(events__participants__official=official).distinct()
    own = paths_of(official) if official.has_public_page else frozenset()
    return Pages(own | paths_of(*units, *clusters), _articles(official))


def _officials(officials):
    pages = Pages()
    for official in officials.distinct():
        pages |= _official(official)
    return pages


def _rank(rank):
    return _officials(Official.objects.filter(rank_assignments__rank=rank))


def _position_title(title):
    return _officials(Official.objects.filter(positions__title=title))


def _event(event):
    officials = Official.objects.public().filter(participations__event=event).distinct()
    return Pages(paths_of(event.cluster, *officials), _articles(event))


def _award(award):
    if award.official_id and not award.official.has_public_page:
        return Pages()
    return Pages(paths_of(award.unit if award.unit_id else award.official))


_PAGES = {
    Unit: _unit,
    EmulationBlock: _block,
    Cluster: _cluster,
    ClusterYear: _cluster_year,
    Movement: _movement,
    Official: _official,
    Rank: _rank,
    PositionTitle: _position_title,
    Event: _event,
    Award: _award,
}

"""Querysets of one fixed shape, compiled to SQL once per process and database.

Turning a queryset into SQL (choosing columns, joins, converters) costs more CPU than
running a short indexed query. The article change form runs the same six relation
queries for every article, only the article's id changing (issue 13). ``FrozenSQL``
compiles the shape once, for a stand-in id, and runs later querysets of that shape with
the SQL compiled then and their own id in its place, without building their query (a
related manager's filter waits until asked for). Django's ``ModelIterable`` still
builds the instances (``select_related`` objects and the given queryset's known related
objects included), so the rows are exactly what the queryset would give.

The first queryset per database is compiled both ways and compared: if its SQL is not
the stand-in's with the id swapped in, the shape is not fixed and every queryset is
compiled as usual; a later queryset whose outline differs (another filter, join, order)
is compiled as usual too. It relies on the compiler's ``as_sql`` setting ``select``,
``klass_info``, ``annotation_col_map``, ``col_count`` and ``has_extra_select``
(``tests/newsroom/test_frozensql.py`` checks it against the Django in use).
"""

import threading

from django.core.exceptions import EmptyResultSet
from django.db.models.query import ModelIterable

# An id no row has; it must not equal any other parameter of the query.
STAND_IN = -7_205_114_923

_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")
_frozen_classes = {}
_lock = threading.Lock()


class FrozenSQL:
    """``build(value)``: the queryset of this shape for ``value`` (an id)."""

    def __init__(self, build):
        self.build = build
        # database alias -> (sql, params, positions, state, outline, the stand-in's
        # queryset), or None: not fixed
        self._compiled = {}

    def fetch(self, queryset, value):
        """The instances ``queryset`` (``build(value)``) gives.

        A queryset whose outline (model, filters, joins, order, slice, columns) differs
        from the first one's is compiled as usual: a filter added to it is never lost.
        """
        if not _plain(queryset):
            return list(queryset)
        alias = queryset.db
        if alias not in self._compiled:
            try:
                self._compiled[alias] = self._compile(queryset, value, alias)
            except EmptyResultSet:  # a value no row can have (an id out of range)
                return list(queryset)
        entry = self._compiled[alias]
        if entry is None or _outline(queryset) != entry[4]:
            return list(queryset)
        sql, params, positions, state, _, template = entry
        params = list(params)
        for position in positions:
            params[position] = value
        # The stand-in's queryset, whose query is built, run for this one: the queryset
        # given is not built (a related manager's filter waits until its query is asked
        # for, and building it costs more than running it). What ModelIterable reads of
        # the queryset besides its query is the given one's.
        chained = template._chain()
        chained._db, chained._hints = queryset._db, queryset._hints
        chained._known_related_objects = queryset._known_related_objects
        chained._fetch_mode = queryset._fetch_mode
        chained.query.__class__ = _frozen(type(chained.query))
        chained.query.frozen = (sql, tuple(params), state)
        try:
            return list(ModelIterable(chained))
        except OverflowError:  # SQLite, for an id out of range: Django finds no row
            return list(queryset)

    def _compile(self, queryset, value, alias):
        # Before compiling it: compiling adds the joins of select_related to the query.
        outline = _outline(queryset)
        template = self.build(STAND_IN).using(alias)
        stand_in = template.query.get_compiler(alias)
        sql, params = stand_in.as_sql()
        state = tuple(getattr(stand_in, name) for name in _STATE)
        positions = [i for i, param in enumerate(params) if param == STAND_IN]
        actual_sql, actual_params = queryset.query.get_compiler(alias).as_sql()
        expected = list(params)
        for position in positions:
            expected[position] = value
        if len(positions) != 1 or actual_sql != sql or list(actual_params) != expected:
            return None
        return sql, tuple(params), positions, state, outline, template


def _plain(queryset):
    """Rows of model instances, read: what the frozen path gives. Anything else (values,
    prefetching, a locking or write query) is run as usual."""
    return (
        queryset._iterable_class is ModelIterable
        and not queryset._fields
        and not queryset._prefetch_related_lookups
        and not queryset._for_write
        and not queryset._query.select_for_update
    )


def _outline(queryset):
    """What a queryset's SQL is made of, short of compiling it: another filter, join,
    order, slice or column list changes it."""
    # Not ``queryset.query``: that builds a related manager's waiting filter. The filter
    # is part of the outline as it waits (its kind and arguments' names, not its values).
    query = queryset._query
    waiting = queryset._deferred_filter
    if waiting is not None:
        negated, args, kwargs = waiting
        waiting = (negated, tuple(map(repr, args)), tuple(kwargs))
    where = query.where
    return (
        waiting,
        query.model,
        len(where.children),
        where.connector,
        where.negated,
        query.select_related,
        tuple(query.order_by),
        query.low_mark,
        query.high_mark,
        query.distinct,
        query.deferred_loading,
        tuple(query.alias_map),
        tuple(query.annotation_select),
    )


def _frozen(query_class):
    """``query_class`` whose compiler answers with the SQL compiled earlier."""
    with _lock:
        if query_class not in _frozen_classes:

            class FrozenQuery(query_class):
                def get_compiler(self, using=None, connection=None, elide_empty=True):
                    compiler = super().get_compiler(using, connection, elide_empty)
                    compiler.__class__ = _frozen_compiler(type(compiler))
                    return compiler

            _frozen_classes[query_class] = FrozenQuery
        return _frozen_classes[query_class]


def _frozen_compiler(compiler_class):
    with _lock:
        key = ("compiler", compiler_class)
        if key not in _frozen_classes:

            class FrozenCompiler(compiler_class):
                def as_sql(self, with_limits=True, with_col_aliases=False):
                    sql, params, state = self.query.frozen
                    for name, held in zip(_STATE, state, strict=True):
                        setattr(self, name, held)
                    return sql, params

            _frozen_classes[key] = FrozenCompiler
        return _frozen_classes[key]

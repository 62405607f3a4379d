"""Fields a record derives from what was typed, declared once per model.

A model that inherits ``DerivedFields`` lists in ``derived = Derivation(...)`` which of its
fields are tidied and which are computed from them; ``save()`` then derives them in one
order for every model:

1. ``lines`` are cleaned as one-line text (``text.clean_line``), ``texts`` as text that
   keeps its lines (``text.clean``);
2. ``prepare`` (a method name) fills what the model derives in its own way (an official's
   name parts);
3. ``defaults``: a field still blank takes its default, e.g. "Cụm thi đua số 5";
4. ``keys``: look-up keys, tone placement made canonical (``text.tone_normalise``) unless
   given a function;
5. ``sort_key`` into ``sort_name`` (``text.collation_key``, Vietnamese order in SQL);
6. ``search`` into ``search_text``: the reader-search document (``newsroom.search.document``,
   the format articles use too);
7. ``slug`` (``Slug``): made once, or kept in step with its source.

Only the instance's own fields are touched (STYLE.md: no cross-object side effects).
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import models

from newsroom import search, text

# A field name, or a function of the instance.
Source = str | Callable[[Any], Any]


def _value(instance, source: Source):
    return source(instance) if callable(source) else getattr(instance, source)


@dataclass(frozen=True)
class Slug:
    """A slug made on the server (``text.unique_slug``: ASCII, đ as d, "-2" when taken).

    ``source``: what the slug spells. ``fallback``: the slug of an empty source.
    ``when_taken``: a fuller source tried before numbering when the plain slug is taken
    (a unit reusing its predecessor's name adds its founding year); it returns "" when it
    has nothing to add (None or ""). ``follows``: re-derive whenever the slug no longer spells the
    source (an official's slug follows disclosure, so a hidden name never stays in a URL);
    otherwise the slug is made once (when blank) and kept.
    """

    source: Source
    fallback: str
    max_length: int = 200
    field: str = "slug"
    when_taken: Callable[[Any], str | None] | None = None
    follows: bool = False

    def derive(self, instance):
        current = getattr(instance, self.field) or ""
        base = text.slugify(_value(instance, self.source), self.max_length) or self.fallback
        if self.follows:
            if re.fullmatch(rf"{re.escape(base)}(-\d+)?", current):
                return
        elif current:
            return
        others = type(instance)._default_manager.exclude(pk=instance.pk)
        source = _value(instance, self.source)
        if self.when_taken is not None and others.filter(**{self.field: base}).exists():
            source = self.when_taken(instance) or source
        slug = text.unique_slug(
            source,
            others,
            slug_field=self.field,
            max_length=self.max_length,
            fallback=self.fallback,
        )
        setattr(instance, self.field, slug)


@dataclass(frozen=True)
class Derivation:
    lines: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()
    prepare: str | None = None
    defaults: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    keys: Mapping[str, Source] = field(default_factory=dict)
    sort_key: Source | None = None
    search: tuple[Source, ...] = ()
    slug: Slug | None = None

    def tidy(self, instance, *, keys_only=False):
        """Steps 1–4: what typed text becomes, with no query. ``keys_only``: the cleaned
        text and the keys, as constraints see them before the form's other checks ran."""
        for name in self.lines:
            setattr(instance, name, text.clean_line(getattr(instance, name)))
        for name in self.texts:
            setattr(instance, name, text.clean(getattr(instance, name)))
        if not keys_only:
            if self.prepare:
                getattr(instance, self.prepare)()
            for name, default in self.defaults.items():
                if not getattr(instance, name):
                    setattr(instance, name, default(instance))
        for name, source in self.keys.items():
            if isinstance(source, str):
                setattr(instance, name, text.tone_normalise(getattr(instance, source)))
            else:
                setattr(instance, name, source(instance))

    def apply(self, instance):
        self.tidy(instance)
        if self.sort_key is not None:
            sort_key = self.sort_key
            key = (
                sort_key(instance)
                if callable(sort_key)
                else text.collation_key(getattr(instance, sort_key))
            )
            instance.sort_name = key
        if self.search:
            instance.search_text = search.document(
                *(_value(instance, source) for source in self.search)
            )
        if self.slug is not None:
            self.slug.derive(instance)


class DerivedFields(models.Model):
    """Base of records whose ``save()`` derives fields from their ``derived`` declaration."""

    derived: ClassVar[Derivation] = Derivation()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.derived.apply(self)
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        # Keys are derived on save; derive them first so a duplicate typed another way
        # (another tone placement) is a form error, not an IntegrityError.
        self.derived.tidy(self, keys_only=True)
        super().validate_constraints(exclude=exclude)

"""Cluster numbers as people write them: "5", "số 5", "II", "số II"."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from newsroom import text

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_PREFIX_RE = re.compile(r"^(cum thi dua\s+)?(so\s+)?")


def parse_roman(value):
    """The value of a well-formed Roman numeral (any case), or None."""
    numeral = value.strip().lower()
    if not numeral or not _ROMAN_RE.fullmatch(numeral):
        return None
    total = 0
    for current, following in zip(numeral, [*numeral[1:], ""], strict=True):
        worth = _ROMAN_VALUES[current]
        total += -worth if following and _ROMAN_VALUES[following] > worth else worth
    return total


def parse_cluster_number(value):
    """5 from "5", "số 5", "V", "số V" or "Cụm thi đua số V"; None when unreadable."""
    if isinstance(value, int):
        return value
    folded = text.fold(str(value or ""))
    body = _PREFIX_RE.sub("", folded).strip()
    if body.isdigit():
        return int(body)
    return parse_roman(body)


class ClusterNumberFormField(forms.IntegerField):
    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_cluster_number(value)
        if number is None:
            raise ValidationError(
                "Số cụm không hợp lệ: nhập số (5) hoặc số La Mã (V, «số V»).", code="invalid"
            )
        return number

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "text", "size": "8"})
        return attrs


class ClusterNumberField(models.PositiveSmallIntegerField):
    """A positive integer that forms accept in Arabic or Roman numerals."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ClusterNumberFormField, **kwargs})

"""Warnings shown to a reporter before an article is submitted, offered to other apps.

An adviser is a function (article) -> list of Vietnamese sentences; the importer
registers the house-style checks (tone placement, the typo list, "sĩ"/"sỹ", ranks and
positions against the records, officials the records do not hold). Advice never
changes the text and never blocks a step: the desk shows it on the article's form.
"""

from collections.abc import Callable

_advisers: list[Callable] = []


def register(adviser: Callable) -> None:
    if adviser not in _advisers:
        _advisers.append(adviser)


def unregister(adviser: Callable) -> None:
    if adviser in _advisers:
        _advisers.remove(adviser)


def of(article) -> list[str]:
    """Every registered adviser's warnings for the article, in registration order."""
    return [message for adviser in _advisers for message in adviser(article)]

"""The last steps of a public body, offered to the apps to the right of articles.

``{% article_body %}`` sanitises the stored body and expands its library photos, then
hands the HTML to ``finish``, which applies every registered transform in order (the
importer registers the abbreviation glossary: ``<abbr title="…">`` on first use). A
stored rendering of the body calls ``finish`` the same way. A transform takes and
returns sanitised HTML and must not query the database on every call (cache what it
reads): the article page's query count does not grow with it.
"""

from collections.abc import Callable

# The page-cache tag of every stored body: a transform whose output changes (the glossary
# edited) purges it, and with it every page showing a stored body.
TAG = "bodies"

_transforms: list[Callable[[str], str]] = []


def register(transform: Callable[[str], str]) -> None:
    if transform not in _transforms:
        _transforms.append(transform)


def unregister(transform: Callable[[str], str]) -> None:
    if transform in _transforms:
        _transforms.remove(transform)


def finish(html: str) -> str:
    for transform in _transforms:
        html = transform(html)
    return html

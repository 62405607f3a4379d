"""How a rich-text body refers to library photos: pure text, no database.

The stored body holds ``<figure data-photo="12"></figure>`` for each photo; the public page
(``photos.rendering``) and the editor (``photos.editor``) expand it. CKEditor knows nothing
of that form, so the editor is given ordinary image figures whose ``src`` is the photo's
editor address (``/soan-thao/anh/12/``, which redirects to a rendition); on save,
``canonical`` turns those figures back into references. Caption and alt text live in the
library, not in the body.
"""

import html
import re
from functools import cache

from django.urls import reverse

from newsroom import text

_REFERENCE = '<figure data-photo="{}"></figure>'
# A tag's attributes; quoted values may hold ">" (nh3 leaves it unescaped inside quotes).
_ATTRS = r'(?:[^>"]|"[^"]*")*'
# Any figure carrying a photo number, whatever else it holds: it becomes the bare reference.
_ANY_REFERENCE_RE = re.compile(
    rf'<figure\b{_ATTRS}?\bdata-photo="(\d+)"{_ATTRS}>.*?</figure>', re.DOTALL | re.IGNORECASE
)
_REFERENCE_RE = re.compile(r'<figure data-photo="(\d+)"></figure>')
_ALT_RE = re.compile(r'\balt="([^"]*)"')
_CAPTION_RE = re.compile(r"<figcaption>(.*?)</figcaption>", re.DOTALL)


@cache
def _editor_prefix():
    return reverse("photos:editor_photo", args=[0]).removesuffix("0/")


@cache
def _editor_figure_re():
    # An image figure (optionally with a link around the image) whose image is a library photo.
    prefix = re.escape(_editor_prefix())
    return re.compile(
        rf"<figure\b{_ATTRS}>\s*(?:<a\b{_ATTRS}>\s*)?"
        rf'<img\b(?P<img>{_ATTRS}?\bsrc="{prefix}(?P<id>\d+)/"{_ATTRS})>'
        r"(?P<rest>.*?)</figure>",
        re.DOTALL,
    )


def reference(photo_id):
    return _REFERENCE.format(int(photo_id))


def editor_src(photo_id):
    return f"{_editor_prefix()}{int(photo_id)}/"


def canonical(value):
    """Sanitised body HTML with every library image figure reduced to its reference."""
    value = _editor_figure_re().sub(lambda m: reference(m["id"]), value)
    return _ANY_REFERENCE_RE.sub(lambda m: reference(m[1]), value)


def ids(value):
    """The photo numbers a canonical body refers to, in order, each once."""
    return list(dict.fromkeys(int(found) for found in _REFERENCE_RE.findall(value or "")))


def substitute(value, render):
    """Replace each reference with ``render(photo_id)``; a None result drops the figure."""
    return _REFERENCE_RE.sub(lambda m: render(int(m[1])) or "", value or "")


def editor_texts(value):
    """(photo number, alt, caption) of each library figure in sanitised editor HTML."""
    found = []
    for match in _editor_figure_re().finditer(value or ""):
        alt = _ALT_RE.search(match["img"])
        caption = _CAPTION_RE.search(match["rest"])
        found.append(
            (
                int(match["id"]),
                html.unescape(alt[1]) if alt else "",
                text.html_to_text(caption[1], one_line=True) if caption else "",
            )
        )
    return found

"""Rich text from the editor, made safe: the allowlist matches the newsroom toolbar.

Every save of an article runs its body through ``sanitise`` (and its lead through
``newsroom.text.html_to_text``); templates may then print the body with ``|safe``.
"""

import re

import nh3

from newsroom import text
from photos import references

# Headings start at h2: the article title is the page's only h1.
TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li"}
    | {"blockquote", "figure", "figcaption", "img"}
    | {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
)
ATTRIBUTES = {
    "a": {"href"},
    "figure": {"data-photo"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "col": {"span"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# CKEditor marks image and table figures with these classes; the site's CSS styles them.
CLASSES = {"figure": {"image", "table", "image-style-side"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer"

# nh3 writes every kept link as exactly <a href="…" rel="…"> (quotes inside are escaped);
# a link to a path on this site needs no rel.
_SAME_SITE_LINK_RE = re.compile(r'<a href="((?:/(?![/\\])|#)[^"]*)" rel="noopener noreferrer">')


def _same_site_images_only(tag, attribute, value):
    # A picture from another site would make every reader's browser call it.
    if tag == "img" and attribute == "src" and (not value.startswith("/") or value[1:2] in "/\\"):
        return None
    if attribute == "data-photo" and not value.isdigit():
        return None
    return value


def clean_html(value: str | None) -> str:
    """Body HTML reduced to the toolbar's tags, as the editor sent it (figures and all)."""
    if not value:
        return ""
    cleaned = nh3.clean(
        text.clean(value),
        tags=set(TAGS),
        attributes=ATTRIBUTES,
        attribute_filter=_same_site_images_only,
        url_schemes=set(URL_SCHEMES),
        allowed_classes=CLASSES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return _SAME_SITE_LINK_RE.sub(r'<a href="\1">', cleaned).strip()


def sanitise(value: str | None) -> str:
    """Body HTML reduced to the toolbar's tags; links to other sites carry rel=noopener.

    Library photos are kept as references (see photos.references).
    """
    return references.canonical(clean_html(value))

"""The publisher's colours: checked for contrast on save, served as a small stylesheet.

``static/css/site.css`` draws the site with three colours held in CSS variables:
``--brand`` (masthead, menu bar, links), ``--brand-dark`` (top bar, buttons, link hover)
and ``--gold`` (the accent: hotline number, the name over the site's name, the
records link in the menu). The publisher settings hold a value for each
(``newsroom.models.Publisher``); when they differ from the stylesheet's own,
every public page links ``stylesheet()`` (``newsroom.views.theme_css``) after
site.css, under a name that changes with the colours, so browsers keep it for a
year and a new choice reaches readers with the next page.

No colour is accepted that makes text on the page hard to read: ``problems()``
computes the WCAG 2.x contrast ratio of every pair of text and background the
stylesheet draws with these colours and names each pair under 4.5:1 (level AA for
body text).
"""

import hashlib
import math
import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format

# site.css's own values (its :root); a test keeps the two in step.
DEFAULTS = {
    "brand_colour": "#8b0000",
    "brand_dark_colour": "#5c0000",
    "accent_colour": "#f5c400",
}
WHITE = "#ffffff"
# Backgrounds site.css paints in fixed colours: the footer (--soft) and, tinted from
# the brand colour, the notice of a unit that no longer exists (--brand-soft).
SOFT = "#f5f3ef"
BRAND_SOFT_SHARE = 0.07
MINIMUM_RATIO = 4.5

LABELS = {
    "brand_colour": "Màu chủ đạo",
    "brand_dark_colour": "Màu chủ đạo đậm",
    "accent_colour": "Màu nhấn",
}

_HEX = re.compile(r"#?([0-9a-f]{3}|[0-9a-f]{6})")


def normalise(value):
    """A colour as typed ("#C00", "c00000", " #c00000 ") as "#cc0000"; anything else is
    returned stripped, for the field's validator to refuse."""
    value = (value or "").strip().lower()
    found = _HEX.fullmatch(value)
    if not found:
        return value
    digits = found.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour):
    """Relative luminance of "#rrggbb" (WCAG 2.x)."""
    red, green, blue = (_channel(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """WCAG 2.x contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def tint(colour, share=BRAND_SOFT_SHARE):
    """``colour`` mixed with white, ``share`` of it: a pale background of the same hue."""
    mixed = (round(255 - share * (255 - c)) for c in _rgb(colour))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _ratio_text(ratio):
    # Rounded down: 4.498 must not read as the 4,5 it fails to reach.
    return number_format(math.floor(ratio * 100) / 100, 2)


def pairs(colours):
    """Every (field blamed, text colour, background, where) site.css draws with the colours."""
    brand = colours["brand_colour"]
    dark = colours["brand_dark_colour"]
    accent = colours["accent_colour"]
    soft = tint(brand)
    return [
        ("brand_colour", WHITE, brand, "chữ trắng trên nền màu này (đầu trang, thanh menu)"),
        ("brand_colour", brand, WHITE, "liên kết màu này trên nền trắng"),
        ("brand_colour", brand, SOFT, f"liên kết màu này trên nền chân trang {SOFT}"),
        ("brand_dark_colour", WHITE, dark, "chữ trắng trên nền màu này (dải trên cùng, nút bấm)"),
        ("brand_dark_colour", dark, WHITE, "chữ màu này trên nền trắng"),
        (
            "brand_dark_colour",
            dark,
            soft,
            f"chữ màu này trên nền nhạt {soft} của màu chủ đạo (thông báo đơn vị đã giải thể)",
        ),
        ("accent_colour", accent, brand, f"chữ màu này trên nền màu chủ đạo {brand}"),
        (
            "accent_colour",
            accent,
            dark,
            f"chữ màu này (đường dây nóng) trên nền màu chủ đạo đậm {dark}",
        ),
    ]


def problems(colours):
    """{field: [ValidationError, …]} for each pair of ``colours`` under 4.5:1.

    ``colours`` maps the three fields to "#rrggbb"; a field missing (refused by its
    own validator) leaves its pairs unchecked.
    """
    found = {}
    if any(not _HEX.fullmatch(colours.get(field) or "") for field in DEFAULTS):
        return found
    for field, text_colour, background, where in pairs(colours):
        ratio = contrast(text_colour, background)
        if ratio >= MINIMUM_RATIO:
            continue
        message = (
            "%(label)s %(colour)s không đủ tương phản: %(where)s chỉ đạt tỉ lệ %(ratio)s:1, "
            "cần ít nhất %(minimum)s:1 (WCAG 2, mức AA)."
        )
        params = {
            "label": LABELS[field],
            "colour": colours[field],
            "where": where,
            "ratio": _ratio_text(ratio),
            "minimum": number_format(MINIMUM_RATIO, 1),
        }
        found.setdefault(field, []).append(ValidationError(message, code="contrast", params=params))
    return found


def colours_of(publisher):
    """The publisher's colours, each a "#rrggbb" as the form stores it; a value that is not
    one (a row written around the form) gives the default, so nothing else reaches CSS."""
    colours = {}
    for field, default in DEFAULTS.items():
        value = normalise(getattr(publisher, field))
        colours[field] = value if _HEX.fullmatch(value) and len(value) == 7 else default
    return colours


def is_custom(publisher):
    return colours_of(publisher) != DEFAULTS


def version(publisher):
    """Names the stylesheet of these colours; changes whenever one of them does."""
    key = "|".join(colours_of(publisher)[field] for field in sorted(DEFAULTS))
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def stylesheet(publisher):
    colours = colours_of(publisher)
    return (
        ":root {"
        f" --brand: {colours['brand_colour']};"
        f" --brand-dark: {colours['brand_dark_colour']};"
        f" --gold: {colours['accent_colour']};"
        f" --brand-soft: {tint(colours['brand_colour'])};"
        " }\n"
    )

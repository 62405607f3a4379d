"""The publisher's logo: an upload checked by its content and re-encoded with Pillow.

The logo is shown on every page and in print, so what is stored is a small PNG made
from the upload: decoded (only PNG, JPEG or WebP; SVG and everything else refused),
turned upright, fitted inside ``LOGO_MAX_SIDE`` pixels, with every piece of metadata
left behind. The uploaded bytes themselves are never served.
"""

import io
import struct
import warnings
import zlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 25_000_000
LOGO_MAX_SIDE = 512
_FORMATS = ("PNG", "JPEG", "WEBP")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)

MESSAGES = {
    "too_large": "Tệp biểu trưng quá lớn: tối đa 2 MB.",
    "format": "Biểu trưng phải là ảnh PNG, JPEG hoặc WebP.",
    "pixels": "Ảnh biểu trưng quá nhiều điểm ảnh: tối đa 25 megapixel.",
    "corrupt": "Tệp biểu trưng bị hỏng hoặc không trọn vẹn.",
    "tiny": "Ảnh biểu trưng quá nhỏ: cần ít nhất 32 × 32 điểm ảnh.",
}


def process_logo(upload):
    """The upload as a clean PNG (a ContentFile named logo.png), or ValidationError."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(MESSAGES["too_large"], code="too_large")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=_FORMATS)
            if image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(MESSAGES["pixels"], code="pixels")
            image.load()
    except UnidentifiedImageError:
        raise ValidationError(MESSAGES["format"], code="format") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(MESSAGES["pixels"], code="pixels") from None
    except _DECODE_ERRORS:
        raise ValidationError(MESSAGES["corrupt"], code="corrupt") from None
    if min(image.size) < 32:
        raise ValidationError(MESSAGES["tiny"], code="tiny")
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA")
    image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE), Image.Resampling.LANCZOS)
    # A fresh image carries no text chunks, ICC profile or EXIF from the upload.
    clean = Image.new("RGBA", image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name="logo.png")

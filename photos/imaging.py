"""Photo uploads: content-based validation, normalisation and responsive renditions.

Pure image processing with Pillow, no models. The photo model calls:

- ``validate_upload(file)`` in form validation (cheap: JPEGs are decoded at 1/8 scale);
- ``prepare(file)`` when an upload is saved: one full decode, then the normalised
  original (upright, sRGB, no metadata); the renditions are the task worker's job;
- ``ingest(file, focal_point=...)``: the same plus every rendition, one at a time;
- ``generated_name(ext)`` and ``store_renditions(storage, base_name, renditions)`` to
  write the bytes under names that never contain the uploader's filename;
- ``make_renditions(image, focal_point=...)`` to redo renditions from the stored original,
  for example after the focal point changes.
"""

import io
import posixpath
import struct
import uuid
import warnings
import zlib
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageCms, UnidentifiedImageError

WIDTHS = (480, 800, 1200, 1600)
SOCIAL_SIZE = (1200, 630)
RENDITION_QUALITY = 82
ORIGINAL_QUALITY = 90
DEFAULT_MAX_BYTES = 25 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
# The longest side each rendition format can hold: WebP stops at 16,383 pixels (JPEG at
# 65,535), so a tall picture's renditions are narrowed until their height fits.
MAX_RENDITION_SIDE = 16_383

# Pillow plugins allowed to parse an upload. MPO is how Pillow reports camera JPEGs
# that carry extra frames (a depth map, a preview); they are JPEGs.
_PLUGINS = ("JPEG", "PNG", "WEBP")
_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp"}
_EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}
_CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)
_ORIENTATION = 0x0112
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_WHITE = (255, 255, 255)

MESSAGES = {
    "empty": "Tệp tải lên rỗng.",
    "file_too_large": "Ảnh quá lớn (%(size)s): tối đa %(limit)s.",
    "unsupported_format": "Định dạng không hỗ trợ: chỉ nhận ảnh JPEG, PNG hoặc WebP.",
    "animated": "Không nhận ảnh động: hãy tải lên một ảnh tĩnh JPEG, PNG hoặc WebP.",
    "corrupt": "Tệp ảnh bị hỏng hoặc không trọn vẹn.",
    "too_many_pixels": (
        "Ảnh quá nhiều điểm ảnh (%(width)s × %(height)s): tối đa %(limit)s megapixel."
    ),
    "decompression_bomb": "Ảnh quá nhiều điểm ảnh: tối đa %(limit)s megapixel.",
}


@dataclass(frozen=True)
class ImageInfo:
    format: str  # "jpeg", "png" or "webp", from the content
    width: int  # upright, after EXIF orientation
    height: int
    mode: str  # Pillow's mode of the upload as decoded ("RGB", "CMYK", "RGBA", "P"…)


@dataclass(frozen=True)
class Rendition:
    kind: str  # "original", "w480"…, "social"
    format: str  # "jpeg", "png" or "webp"
    width: int
    height: int
    content: bytes = b""

    @property
    def extension(self):
        return _EXTENSIONS[self.format]

    @property
    def content_type(self):
        return _CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Ingested:
    info: ImageInfo
    original: Rendition
    renditions: list[Rendition]


def max_bytes():
    return settings.PHOTO_MAX_BYTES


def max_pixels():
    return settings.PHOTO_MAX_PIXELS


def validate_upload(file):
    """Refuse anything but a sound JPEG, PNG or WebP within the limits; return its ImageInfo."""
    # Not image.close(): it would close the caller's file, which the form still has to save.
    _image, info = _open(file, full=False)
    return info


def load_image(file):
    """Validate as validate_upload does; return (fully decoded image, ImageInfo)."""
    return _open(file, full=True)


def prepare(file):
    """Validate, normalise and re-encode the original: what an upload request does."""
    image, info = load_image(file)
    return Ingested(info, _original(image, info), [])


def ingest(file, *, widths=WIDTHS, focal_point=None):
    """Validate, normalise, re-encode the original and make every rendition, from one decode."""
    image, info = load_image(file)
    image = normalise(image)
    original = _original(image, info)
    renditions = make_renditions(image, widths, focal_point=focal_point)
    return Ingested(info, original, renditions)


def _original(image, info):
    image = normalise(image)
    content = _encode(image, info.format, ORIGINAL_QUALITY)
    return Rendition("original", info.format, image.width, image.height, content)


def normalise(image):
    """Return the image upright, in sRGB, as RGB or RGBA, with no metadata at all.

    The given image is left as it was; an image that is already normalised is returned as is.
    """
    orientation = _orientation(image)
    if orientation == 1 and not image.info and _is_final_mode(image):
        return image
    image.load()
    icc_profile = image.info.get("icc_profile")
    owned = orientation in _TRANSPOSE
    if owned:
        # Rotate first: the rotated copy is ours, so the colour transform can work in place
        # and no more than two full-size images are ever alive at once.
        image = image.transpose(_TRANSPOSE[orientation])
    result = _to_srgb(image, icc_profile, owned=owned)
    del image
    if not _is_final_mode(result):
        result = result.convert("RGB")  # an alpha channel with nothing transparent
    # Encoders copy some keys from info (JPEG comments, PNG ICC profiles); the output
    # must carry nothing from the upload, GPS position above all.
    result.info = {}
    return result


def rendition_widths(width, widths=WIDTHS):
    """The widths to make for an image this wide: never wider than the image itself."""
    chosen = {w for w in widths if w < width}
    chosen.add(min(width, max(widths)))
    return sorted(chosen)


def rendition_size(size, width):
    """(width, height) of a rendition meant to be ``width`` wide, within what formats hold."""
    image_width, image_height = size
    height = max(1, round(image_height * width / image_width))
    if height > MAX_RENDITION_SIDE:
        width = max(1, round(image_width * MAX_RENDITION_SIDE / image_height))
        height = MAX_RENDITION_SIDE
    return width, height


def make_renditions(source, widths=WIDTHS, *, focal_point=None):
    """Resized WebP and JPEG copies of the image, plus the 1200×630 social JPEG.

    Only one resized image is alive at a time besides the largest one, from which the
    smaller widths are resampled (much cheaper than resampling the full image each time).
    A very tall picture's renditions are narrowed to fit the formats; widths that come
    out the same once narrowed are made once.
    """
    image = normalise(source)
    renditions = []
    largest = None
    sizes = dict.fromkeys(
        rendition_size(image.size, w) for w in rendition_widths(image.width, widths)
    )
    for width, height in sorted(sizes, reverse=True):
        base = image if largest is None else largest
        if base.size == (width, height):
            resized = base
        else:
            resized = base.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        if largest is None:
            largest = resized
        kind = f"w{width}"
        for fmt in ("webp", "jpeg"):
            renditions.append(
                Rendition(kind, fmt, width, height, _encode(resized, fmt, RENDITION_QUALITY))
            )
        del resized
    renditions.sort(key=lambda r: r.width)
    renditions.append(social_rendition(image, focal_point))
    return renditions


def social_rendition(image, focal_point=None):
    """The 1200×630 JPEG for link previews: the largest such crop around the focal point."""
    image = normalise(image)
    box = crop_box(image.size, SOCIAL_SIZE, focal_point)
    social = image.resize(SOCIAL_SIZE, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    return Rendition("social", "jpeg", *SOCIAL_SIZE, _encode(social, "jpeg", RENDITION_QUALITY))


def crop_box(size, target, focal_point=None):
    """The largest box of the target's shape inside size, centred on the focal point if it fits."""
    fx, fy = focal_point if focal_point is not None else (0.5, 0.5)
    if not (0 <= fx <= 1 and 0 <= fy <= 1):
        raise ValueError(f"focal point {focal_point!r} is outside 0..1")
    width, height = size
    ratio = target[0] / target[1]
    crop_width, crop_height = (
        (height * ratio, height) if width / height > ratio else (width, width / ratio)
    )
    left = min(max(fx * width - crop_width / 2, 0), width - crop_width)
    top = min(max(fy * height - crop_height / 2, 0), height - crop_height)
    return (left, top, left + crop_width, top + crop_height)


def generated_name(ext, *, today=None):
    """A storage name like photos/2026/05/<uuid>.jpg; never derived from the uploaded filename."""
    today = today or timezone.localdate()
    return f"photos/{today:%Y}/{today:%m}/{uuid.uuid4().hex}.{ext.lstrip('.')}"


def store_renditions(storage, base_name, renditions):
    """Save each rendition as <base_name>-<kind>.<ext>; return JSON-ready entries."""
    base = posixpath.splitext(base_name)[0]
    entries = []
    for rendition in renditions:
        name = storage.save(
            f"{base}-{rendition.kind}.{rendition.extension}", ContentFile(rendition.content)
        )
        entries.append(
            {
                "kind": rendition.kind,
                "format": rendition.format,
                "width": rendition.width,
                "height": rendition.height,
                "name": name,
                "bytes": len(rendition.content),
            }
        )
    return entries


def _open(file, *, full):
    size = _size(file)
    if size == 0:
        raise ValidationError(MESSAGES["empty"], code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            MESSAGES["file_too_large"],
            code="file_too_large",
            params={"size": _human_size(size), "limit": _human_size(limit)},
        )
    pixel_limit = max_pixels()
    megapixels = _number(pixel_limit / 1_000_000)
    # Pillow only warns about decompression bombs below twice its own limit; refuse them
    # all. catch_warnings is process-wide, but the block is short and only tightens filters.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            file.seek(0)
            image = Image.open(file, formats=_PLUGINS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ValidationError(
                MESSAGES["decompression_bomb"], code="too_many_pixels", params={"limit": megapixels}
            ) from error
        except UnidentifiedImageError as error:
            raise ValidationError(
                MESSAGES["unsupported_format"], code="unsupported_format"
            ) from error
        except _DECODE_ERRORS as error:
            raise ValidationError(MESSAGES["corrupt"], code="corrupt") from error
        if image.format not in _FORMATS:
            raise ValidationError(MESSAGES["unsupported_format"], code="unsupported_format")
        width, height = image.size
        if width * height > pixel_limit:
            raise ValidationError(
                MESSAGES["too_many_pixels"],
                code="too_many_pixels",
                params={"width": width, "height": height, "limit": megapixels},
            )
        if image.format != "MPO" and getattr(image, "is_animated", False):
            raise ValidationError(MESSAGES["animated"], code="animated")
        try:
            image.verify()
            file.seek(0)
            image = Image.open(file, formats=_PLUGINS)
            if not full and image.format in ("JPEG", "MPO"):
                # A reduced-scale decode still reads the whole entropy-coded stream, so
                # truncation is found with 1/64 of the memory.
                image.draft(image.mode, (1, 1))
            # LOAD_TRUNCATED_IMAGES stays False (Pillow's default): a short file raises here.
            image.load()
        except _DECODE_ERRORS as error:
            raise ValidationError(MESSAGES["corrupt"], code="corrupt") from error
    if _orientation(image) in (5, 6, 7, 8):
        width, height = height, width
    return image, ImageInfo(_FORMATS[image.format], width, height, image.mode)


def _size(file):
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    return size


def _orientation(image):
    try:
        orientation = image.getexif().get(_ORIENTATION, 1)
    except _DECODE_ERRORS:
        return 1  # a damaged EXIF block must not refuse an otherwise sound photo
    return orientation if orientation in _TRANSPOSE else 1


def _is_final_mode(image):
    if image.mode == "RGBA":
        return image.getchannel("A").getextrema() != (255, 255)
    return image.mode == "RGB"


def _to_srgb(image, icc_profile, *, owned):
    """The image as RGB or RGBA in sRGB, using the embedded profile if usable.

    A new image unless owned, in which case the given one may be changed and returned.
    """
    profile = _profile(icc_profile)
    space = profile.profile.xcolor_space.strip() if profile else None
    if (image.mode, space) in (("CMYK", "CMYK"), ("L", "GRAY")):
        converted = _transform(image, profile, "RGB")
        if converted is not None:
            return converted
    result = _to_rgb(image)
    owned = owned or result is not image
    if space == "RGB":
        converted = _transform(result, profile, result.mode, in_place=owned)
        if converted is not None:
            return converted
    return result if owned else result.copy()


def _to_rgb(image):
    mode = image.mode
    if mode in ("RGB", "RGBA"):
        return image
    if mode in ("LA", "La", "PA", "RGBa") or "transparency" in image.info:
        return image.convert("RGBA")
    if mode.startswith("I"):
        # 16-bit greyscale PNG: scale to 8 bits rather than clip at 255.
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif mode == "F":
        image = image.convert("L")
    return image.convert("RGB")


def _transform(image, profile, output_mode, *, in_place=False):
    try:
        converted = ImageCms.profileToProfile(
            image,
            profile,
            _srgb(),
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            outputMode=output_mode,
            inPlace=in_place,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )
    except (ImageCms.PyCMSError, *_DECODE_ERRORS):
        return None  # an unusable profile: fall back to Pillow's plain conversion
    return image if in_place else converted


def _profile(icc_profile):
    if not icc_profile:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except (ImageCms.PyCMSError, *_DECODE_ERRORS):
        return None


@cache
def _srgb():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _flatten(image):
    if image.mode == "RGB":
        return image
    if image.mode != "RGBA":
        return image.convert("RGB")
    flat = Image.new("RGB", image.size, _WHITE)
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _encode(image, fmt, quality):
    buffer = io.BytesIO()
    if fmt == "jpeg":
        _flatten(image).save(buffer, "JPEG", quality=quality, progressive=True, optimize=True)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def _human_size(size):
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{_number(size / factor)} {unit}"
    return f"{size} byte"


def _number(value):
    """1 decimal at most, Vietnamese decimal comma: 25, 0,5, 30,2."""
    return f"{round(value, 2):g}".replace(".", ",")

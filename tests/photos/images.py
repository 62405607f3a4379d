"""Test images built with Pillow at run time: no binary fixtures."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms

RED = (255, 0, 0)
GREEN = (0, 255, 0)
BLUE = (0, 0, 255)
WHITE = (255, 255, 255)
GPS_MARKER = "TOA-DO-BI-MAT"  # stored in the GPS IFD; must not survive in any output
COMMENT_MARKER = "ghi-chu-may-anh"
XMP_MARKER = "xmp-dia-diem-chup"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def encode(image, fmt, **params):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def solid(size=(300, 200), colour=BLUE, mode="RGB"):
    return Image.new(mode, size, colour)


def jpeg(size=(300, 200), colour=BLUE, **params):
    return encode(solid(size, colour), "JPEG", quality=90, **params)


def png(size=(300, 200), colour=BLUE, mode="RGB"):
    return encode(solid(size, colour, mode), "PNG")


def webp(size=(300, 200), colour=BLUE):
    return encode(solid(size, colour), "WEBP", quality=90)


def camera_exif(orientation=6):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 80D"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (19.0, 48.0, 25.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 46.0, 40.0)
    gps[ExifTags.GPS.GPSMapDatum] = GPS_MARKER
    return exif


def phone_photo():
    """A landscape-stored JPEG that a phone held upright marked with EXIF orientation 6.

    Stored 400×300, blue with a red square in its top-left corner; shown upright it is
    300×400 with the red square in the top-right corner. It carries GPS, XMP and a comment.
    """
    image = solid((400, 300), BLUE)
    image.paste(RED, (0, 0, 60, 60))
    return encode(
        image,
        "JPEG",
        quality=95,
        exif=camera_exif(orientation=6).tobytes(),
        comment=COMMENT_MARKER,
        xmp=f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><x:s>{XMP_MARKER}</x:s></x:xmpmeta>'.encode(),
    )


def cmyk_jpeg():
    """200×100 CMYK JPEG: red (magenta + yellow) on the left, green (cyan + yellow) on the right."""
    image = Image.new("CMYK", (200, 100), (0, 255, 255, 0))
    image.paste((255, 0, 255, 0), (100, 0, 200, 100))
    return encode(image, "JPEG", quality=95)


def srgb_tagged_jpeg(colour=(200, 120, 40), **params):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return encode(solid((200, 100), colour), "JPEG", quality=95, icc_profile=profile, **params)


def transparent_png():
    """200×100 RGBA PNG: opaque red on the left, fully transparent on the right."""
    image = Image.new("RGBA", (200, 100), (0, 0, 255, 0))
    image.paste((255, 0, 0, 255), (0, 0, 100, 100))
    return encode(image, "PNG")


def three_bands(size=(3000, 630)):
    """Red, green and blue vertical thirds, to see where a crop was taken."""
    width, height = size
    image = solid(size, RED)
    image.paste(GREEN, (width // 3, 0, 2 * width // 3, height))
    image.paste(BLUE, (2 * width // 3, 0, width, height))
    return encode(image, "PNG")


def noisy_jpeg(size=(300, 200)):
    return encode(Image.effect_noise(size, 60).convert("RGB"), "JPEG", quality=90)


def truncated_jpeg():
    data = noisy_jpeg()
    return data[: len(data) * 6 // 10]


def gif():
    return encode(solid((40, 30), BLUE).convert("P"), "GIF")


def animated_png():
    frames = [solid((40, 30), RED), solid((40, 30), BLUE)]
    return encode(frames[0], "PNG", save_all=True, append_images=frames[1:])


def mpo():
    """A camera JPEG with a second frame, which Pillow reports as MPO."""
    frames = [solid((300, 200), RED), solid((300, 200), BLUE)]
    return encode(frames[0], "MPO", save_all=True, append_images=frames[1:])


def svg():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200">'
        b'<rect width="300" height="200" fill="blue"/>'
        b"<script>alert(1)</script></svg>"
    )


def text_file():
    return "Đây là biên bản hội nghị, không phải ảnh.\n".encode()


def png_declaring(width, height):
    """A PNG of a few hundred bytes whose header claims width × height greyscale pixels.

    Decoding it would allocate width × height bytes; it must be refused from the header.
    """

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )

"""Photo uploads for the newsroom tests, made with Pillow at run time."""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(name, size=(300, 200), noisy=False):
    """A JPEG upload; a noisy one does not compress (about 3 bytes a pixel)."""
    if noisy:
        picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        picture = Image.new("RGB", size, (0, 0, 255))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")

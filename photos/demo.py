"""Demo photos for ``seed_demo``: scenes drawn with Pillow, each with a visible label.

Nothing is downloaded. The pictures go through the same ingest as any upload, so the
demo exercises renditions, srcset and the publishing gates. Photos are found again by
their caption, so seeding twice makes no duplicates.
"""

import io
import random
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from . import clearance, ingest, references
from .models import Photo

SIZE = (1600, 1000)
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)

# key: (caption, credit, alt text, scene, palette, sensitive reason)
LIBRARY = {
    "hall": (
        "Toàn cảnh Hội nghị sơ kết phong trào thi đua 6 tháng đầu năm 2020 của Cụm thi đua số 5.",
        "Xuân Bắc",
        "Hội trường kín đại biểu, phía trước là bục phát biểu và phông đỏ của Hội nghị",
        "hall",
        ((150, 20, 25), (235, 200, 80)),
        "",
    ),
    "report": (
        "Đồng chí Đại tá Hồ Văn Tứ, Phó Giám đốc Công an tỉnh Nghệ An, trình bày báo cáo "
        "tóm tắt phong trào thi đua của Cụm.",
        "Xuân Bắc",
        "Một sĩ quan đứng sau bục, trình bày báo cáo trước hội trường",
        "podium",
        ((30, 60, 120), (230, 230, 235)),
        "",
    ),
    "speech": (
        "Đồng chí Đại tá Bùi Quang Thanh, Phó Giám đốc Công an tỉnh Quảng Bình, phát biểu "
        "tại Hội nghị.",
        "Trọng Tuấn",
        "Sĩ quan đứng phát biểu tại bục, sau lưng là phông đỏ",
        "podium",
        ((120, 20, 30), (240, 215, 120)),
        "",
    ),
    "signing": (
        "Lãnh đạo Công an các tỉnh trong Cụm thi đua số 5 ký kết giao ước thi đua.",
        "Xuân Bắc",
        "Hàng bàn ký kết phủ khăn trắng, các đại biểu ngồi ký văn bản",
        "hall",
        ((20, 90, 60), (240, 240, 230)),
        "",
    ),
    "patrol": (
        "Tổ tuần tra cơ động làm nhiệm vụ trên tuyến phố lúc đêm xuống.",
        "Hải Đăng",
        "Xe tuần tra đỗ bên đường phố về đêm, đèn đường sáng vàng",
        "street",
        ((15, 25, 60), (250, 200, 60)),
        "",
    ),
    "traffic": (
        "Cảnh sát giao thông kiểm tra nồng độ cồn người điều khiển phương tiện.",
        "Minh Châu",
        "Chốt kiểm soát giao thông bên đường với biển báo và rào chắn",
        "street",
        ((60, 110, 160), (250, 250, 250)),
        "",
    ),
    "training": (
        "Cán bộ Công an xã, phường tham dự lớp tập huấn nghiệp vụ.",
        "Thu Hà",
        "Lớp học với nhiều hàng bàn, học viên hướng lên màn chiếu",
        "hall",
        ((40, 80, 50), (220, 230, 200)),
        "",
    ),
    "seizure": (
        "Tang vật và các đối tượng trong đường dây vận chuyển ma tuý bị bắt giữ.",
        "Trọng Tuấn",
        "Bàn bày tang vật thu giữ; các đối tượng đứng phía sau đã được che mặt",
        "table",
        ((70, 60, 50), (220, 200, 160)),
        Photo.SensitiveReason.SUSPECT,
    ),
}
# Which pictures suit which section: (cover, figure between paragraphs).
BY_SECTION = {
    "thi-dua-khen-thuong": [("hall", "report"), ("signing", "speech"), ("hall", "speech")],
    "tin-tuc-su-kien": [("hall", "speech"), ("training", "hall")],
    "an-ninh-trat-tu": [("patrol", "traffic"), ("patrol", "hall")],
    "phong-chong-ma-tuy": [("seizure", "patrol")],
    "xay-dung-luc-luong": [("training", "hall"), ("training", "speech")],
    "an-toan-giao-thong": [("traffic", "patrol")],
}


def seed_library(editor, log):
    """The demo library, by key; pictures already there are reused."""
    library = {}
    made = 0
    for key, (caption, credit, alt, scene, palette, reason) in LIBRARY.items():
        photo = Photo.objects.filter(caption=caption).first()
        if photo is None:
            photo = ingest.create(
                SimpleUploadedFile(f"{key}.jpg", draw(scene, palette, caption, key)),
                editor,
                caption=caption,
                credit=credit,
                alt_text=alt,
                is_sensitive=bool(reason),
                sensitive_reason=reason,
            )
            made += 1
        if photo.needs_clearance:
            clearance.clear_photo(photo, editor)
        library[key] = photo
    log(f"  {made} ảnh mới, {len(library) - made} ảnh đã có trong thư viện")
    return library


def choose(library, section_slug, index):
    """(cover, figure) for the index-th demo article of a section."""
    options = BY_SECTION.get(section_slug) or [("hall", "speech")]
    cover, figure = options[index % len(options)]
    return library[cover], library[figure]


def with_figure(body, photo):
    """The body with the photo after its first paragraph (between paragraphs)."""
    end = body.find("</p>")
    if end == -1 or references.ids(body):
        return body
    end += len("</p>")
    return body[:end] + references.reference(photo.pk) + body[end:]


def draw(scene, palette, caption, key):
    """A JPEG of a simple scene with its label written on it."""
    width, height = SIZE
    main, accent = palette
    rng = random.Random(key)  # noqa: S311  a picture, not a secret
    image = Image.new("RGB", SIZE, main)
    canvas = ImageDraw.Draw(image)
    for y in range(0, height, 8):  # a soft vertical gradient
        shade = tuple(min(255, c + y * 60 // height) for c in main)
        canvas.rectangle([0, y, width, y + 8], fill=shade)
    if scene == "hall":
        canvas.rectangle([0, 0, width, height * 0.38], fill=(170, 25, 30))
        canvas.rectangle([width * 0.3, height * 0.08, width * 0.7, height * 0.2], fill=accent)
        for row in range(6):
            y = height * (0.48 + row * 0.085)
            for seat in range(14 - row):
                x = width * 0.05 + seat * (width * 0.9 / (14 - row)) + rng.randint(-6, 6)
                canvas.ellipse([x, y, x + 46 + row * 4, y + 46 + row * 4], fill=(35, 45, 70))
                canvas.rectangle([x - 4, y + 40, x + 52 + row * 4, y + 90], fill=(60, 80, 40))
    elif scene == "podium":
        canvas.rectangle([0, 0, width, height * 0.6], fill=(160, 20, 30))
        canvas.rectangle(
            [width * 0.4, height * 0.45, width * 0.6, height * 0.9], fill=(120, 70, 30)
        )
        canvas.ellipse(
            [width * 0.46, height * 0.2, width * 0.54, height * 0.33], fill=(225, 185, 150)
        )
        canvas.rectangle(
            [width * 0.43, height * 0.32, width * 0.57, height * 0.5], fill=(70, 90, 50)
        )
        canvas.polygon(
            [
                (width * 0.5, height * 0.05),
                (width * 0.47, height * 0.13),
                (width * 0.53, height * 0.13),
            ],
            fill=accent,
        )
    elif scene == "street":
        canvas.rectangle([0, height * 0.6, width, height], fill=(50, 50, 55))
        for x in range(0, width, 160):
            canvas.rectangle([x, height * 0.78, x + 90, height * 0.8], fill=(240, 240, 240))
        for x in range(80, width, 320):
            canvas.rectangle([x, height * 0.2, x + 10, height * 0.6], fill=(90, 90, 90))
            canvas.ellipse([x - 30, height * 0.15, x + 40, height * 0.23], fill=accent)
        canvas.rounded_rectangle(
            [width * 0.3, height * 0.5, width * 0.62, height * 0.72],
            radius=30,
            fill=(230, 230, 235),
        )
        canvas.rectangle(
            [width * 0.3, height * 0.6, width * 0.62, height * 0.63], fill=(30, 60, 150)
        )
    else:  # "table"
        canvas.rectangle(
            [width * 0.1, height * 0.55, width * 0.9, height * 0.85], fill=(235, 235, 235)
        )
        for _ in range(18):
            x, y = rng.uniform(0.13, 0.82) * width, rng.uniform(0.58, 0.78) * height
            canvas.rectangle([x, y, x + 60, y + 36], fill=accent, outline=(90, 70, 40), width=3)
        for person in range(4):  # faces covered, as a sensitive photo would be published
            x = width * (0.2 + person * 0.18)
            canvas.rectangle([x, height * 0.2, x + 110, height * 0.5], fill=(40, 40, 45))
            canvas.rectangle([x + 15, height * 0.12, x + 95, height * 0.24], fill=(20, 20, 20))
    _label(canvas, caption)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _label(canvas, caption):
    width, height = SIZE
    font = _font(34)
    words, lines = caption.split(), [""]
    for word in words:
        trial = f"{lines[-1]} {word}".strip()
        if canvas.textlength(trial, font=font) > width - 120 and lines[-1]:
            lines.append(word)
        else:
            lines[-1] = trial
    lines = ["ẢNH MINH HOẠ", *lines[:3]]
    box_top = height - 60 - 48 * len(lines)
    canvas.rectangle([0, box_top, width, height], fill=(0, 0, 0))
    for number, line in enumerate(lines):
        canvas.text((60, box_top + 30 + number * 48), line, fill=(255, 255, 255), font=font)


def _font(size):
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)

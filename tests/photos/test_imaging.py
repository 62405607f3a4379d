import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from photos import imaging
from tests.photos import images


def open_bytes(content):
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def refusal(content, name="anh.jpg"):
    with pytest.raises(ValidationError) as caught:
        imaging.validate_upload(images.upload(name, content))
    return caught.value


def close_to(actual, expected, tolerance=40):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=False))


def outputs(ingested):
    return [ingested.original, *ingested.renditions]


# Accepted by content


def test_good_jpeg_is_accepted_with_upright_size():
    info = imaging.validate_upload(images.upload("anh.jpg", images.phone_photo()))

    assert info == imaging.ImageInfo(format="jpeg", width=300, height=400, mode="RGB")


def test_png_is_accepted():
    info = imaging.validate_upload(images.upload("anh.png", images.png()))

    assert info.format == "png"


def test_webp_is_accepted():
    info = imaging.validate_upload(images.upload("anh.webp", images.webp()))

    assert info.format == "webp"


def test_camera_mpo_jpeg_is_accepted_as_jpeg():
    info = imaging.validate_upload(images.upload("anh.jpg", images.mpo()))

    assert info.format == "jpeg"


def test_format_comes_from_content_not_file_name():
    info = imaging.validate_upload(images.upload("anh.gif", images.png()))

    assert info.format == "png"


def test_upload_stays_readable_after_validation():
    content = images.jpeg()
    upload = images.upload("anh.jpg", content)

    imaging.validate_upload(upload)

    upload.seek(0)
    assert upload.read() == content


# Refused, with a message


def test_text_file_renamed_jpg_is_refused():
    error = refusal(images.text_file(), name="anh.jpg")

    assert error.code == "unsupported_format"
    assert error.messages == ["Định dạng không hỗ trợ: chỉ nhận ảnh JPEG, PNG hoặc WebP."]


def test_svg_is_refused():
    error = refusal(images.svg(), name="logo.svg")

    assert error.code == "unsupported_format"


def test_gif_is_refused():
    error = refusal(images.gif(), name="anh.gif")

    assert error.code == "unsupported_format"


def test_animated_png_is_refused():
    error = refusal(images.animated_png(), name="anh.png")

    assert error.code == "animated"
    assert error.messages == ["Không nhận ảnh động: hãy tải lên một ảnh tĩnh JPEG, PNG hoặc WebP."]


def test_truncated_jpeg_is_refused():
    error = refusal(images.truncated_jpeg())

    assert error.code == "corrupt"
    assert error.messages == ["Tệp ảnh bị hỏng hoặc không trọn vẹn."]


def test_truncated_jpeg_is_refused_by_ingest_too():
    with pytest.raises(ValidationError) as caught:
        imaging.ingest(images.upload("anh.jpg", images.truncated_jpeg()))

    assert caught.value.code == "corrupt"


def test_empty_file_is_refused():
    error = refusal(b"")

    assert error.code == "empty"


def test_decompression_bomb_is_refused():
    bomb = images.png_declaring(20_000, 20_000)  # 400 megapixels in a few hundred bytes

    error = refusal(bomb, name="bom.png")

    assert error.code == "too_many_pixels"
    assert error.messages == ["Ảnh quá nhiều điểm ảnh: tối đa 40 megapixel."]


# pytest's own filter already turns RuntimeWarnings into errors; production has no such
# filter, so the test silences it to see that imaging raises on its own.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pillow_bomb_warning_is_an_error_even_above_our_limit(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000_000
    bomb = images.png_declaring(10_000, 10_000)  # 100 megapixels: Pillow only warns

    error = refusal(bomb, name="bom.png")

    assert error.code == "too_many_pixels"


def test_image_over_pixel_limit_is_refused_from_its_header():
    error = refusal(images.png_declaring(8000, 6000), name="anh.png")

    assert error.code == "too_many_pixels"
    assert error.messages == ["Ảnh quá nhiều điểm ảnh (8000 × 6000): tối đa 40 megapixel."]


def test_image_at_pixel_limit_is_accepted(settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    info = imaging.validate_upload(images.upload("anh.png", images.png(size=(100, 100))))

    assert (info.width, info.height) == (100, 100)


def test_image_one_row_over_pixel_limit_is_refused(settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100

    error = refusal(images.png(size=(100, 101)), name="anh.png")

    assert error.messages == ["Ảnh quá nhiều điểm ảnh (100 × 101): tối đa 0,01 megapixel."]


def test_file_over_size_limit_is_refused(settings):
    content = images.noisy_jpeg()
    settings.PHOTO_MAX_BYTES = len(content) - 1

    error = refusal(content)

    assert error.code == "file_too_large"
    assert error.messages == [
        f"Ảnh quá lớn ({imaging._human_size(len(content))}): "
        f"tối đa {imaging._human_size(len(content) - 1)}."
    ]


def test_file_at_size_limit_is_accepted(settings):
    content = images.noisy_jpeg()
    settings.PHOTO_MAX_BYTES = len(content)

    assert imaging.validate_upload(images.upload("anh.jpg", content)).format == "jpeg"


def test_size_limit_is_checked_before_the_content(settings):
    oversized = b"x" * (settings.PHOTO_MAX_BYTES + 1)

    error = refusal(oversized)

    assert error.messages == ["Ảnh quá lớn (25 MB): tối đa 25 MB."]


# Normalised: upright, sRGB, no metadata


def test_exif_orientation_is_applied_to_every_output():
    ingested = imaging.ingest(images.upload("anh.jpg", images.phone_photo()))

    for output in outputs(ingested)[:-1]:  # the social crop has no corners of the photo
        image = open_bytes(output.content).convert("RGB")
        assert image.size == (300, 400)
        assert close_to(image.getpixel((290, 10)), images.RED)
        assert close_to(image.getpixel((10, 10)), images.BLUE)


def test_exif_gps_xmp_and_comments_are_stripped_from_every_output():
    ingested = imaging.ingest(images.upload("anh.jpg", images.phone_photo()))

    for output in outputs(ingested):
        image = open_bytes(output.content)
        assert not image.getexif()
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info)
        for marker in (images.GPS_MARKER, images.COMMENT_MARKER, images.XMP_MARKER, "Canon"):
            assert marker.encode() not in output.content


def test_cmyk_jpeg_comes_out_rgb_with_its_colours():
    ingested = imaging.ingest(images.upload("anh.jpg", images.cmyk_jpeg()))

    for output in outputs(ingested)[:-1]:
        image = open_bytes(output.content)
        assert image.mode == "RGB"
        assert close_to(image.getpixel((20, 50)), images.RED, tolerance=60)
        assert close_to(image.getpixel((180, 50)), images.GREEN, tolerance=60)


def test_embedded_srgb_profile_is_applied_and_dropped():
    ingested = imaging.ingest(images.upload("anh.jpg", images.srgb_tagged_jpeg((200, 120, 40))))

    image = open_bytes(ingested.original.content)
    assert "icc_profile" not in image.info
    assert close_to(image.getpixel((100, 50)), (200, 120, 40), tolerance=8)


def test_embedded_profile_on_a_rotated_photo_is_applied_to_the_rotated_copy():
    exif = images.camera_exif(orientation=6).tobytes()
    content = images.srgb_tagged_jpeg((200, 120, 40), exif=exif)

    image = open_bytes(imaging.ingest(images.upload("anh.jpg", content)).original.content)

    assert image.size == (100, 200)
    assert close_to(image.getpixel((50, 100)), (200, 120, 40), tolerance=8)


def test_png_alpha_is_kept_in_webp():
    ingested = imaging.ingest(images.upload("anh.png", images.transparent_png()))

    webp = next(r for r in ingested.renditions if r.format == "webp")
    image = open_bytes(webp.content)
    assert image.mode == "RGBA"
    assert image.getpixel((180, 50))[3] == 0
    assert image.getpixel((20, 50))[3] == 255


def test_png_alpha_is_kept_in_the_png_original():
    ingested = imaging.ingest(images.upload("anh.png", images.transparent_png()))

    image = open_bytes(ingested.original.content)
    assert (ingested.original.format, image.mode) == ("png", "RGBA")
    assert image.getpixel((180, 50))[3] == 0


def test_png_alpha_is_flattened_on_white_in_jpeg():
    ingested = imaging.ingest(images.upload("anh.png", images.transparent_png()))

    jpeg = next(r for r in ingested.renditions if r.format == "jpeg" and r.kind != "social")
    image = open_bytes(jpeg.content)
    assert image.mode == "RGB"
    assert close_to(image.getpixel((180, 50)), images.WHITE, tolerance=8)
    assert close_to(image.getpixel((20, 50)), images.RED, tolerance=20)


def test_opaque_alpha_channel_is_dropped():
    ingested = imaging.ingest(images.upload("anh.png", images.png(mode="RGBA", colour=images.RED)))

    assert open_bytes(ingested.original.content).mode == "RGB"


def test_normalise_leaves_an_already_normal_image_alone():
    image = Image.new("RGB", (30, 20), images.RED)

    assert imaging.normalise(image) is image


# Renditions


def test_large_image_gets_every_width_in_webp_and_jpeg():
    ingested = imaging.ingest(images.upload("anh.png", images.png(size=(2000, 1500))))

    assert [(r.kind, r.format, r.width, r.height) for r in ingested.renditions] == [
        ("w480", "webp", 480, 360),
        ("w480", "jpeg", 480, 360),
        ("w800", "webp", 800, 600),
        ("w800", "jpeg", 800, 600),
        ("w1200", "webp", 1200, 900),
        ("w1200", "jpeg", 1200, 900),
        ("w1600", "webp", 1600, 1200),
        ("w1600", "jpeg", 1600, 1200),
        ("social", "jpeg", 1200, 630),
    ]


def test_rendition_bytes_match_their_declared_format_and_size():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(1700, 1000))))

    for output in outputs(ingested):
        image = open_bytes(output.content)
        assert (image.format.lower(), image.size) == (output.format, (output.width, output.height))


def test_jpeg_renditions_are_progressive():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(900, 600))))

    jpeg = next(r for r in ingested.renditions if r.format == "jpeg")
    assert open_bytes(jpeg.content).info.get("progressive")


def test_small_image_is_not_upscaled():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(300, 200))))

    widths = {(r.width, r.height) for r in ingested.renditions if r.kind != "social"}
    assert widths == {(300, 200)}


def test_image_between_widths_also_gets_its_own_width():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(1000, 500))))

    widths = sorted({r.width for r in ingested.renditions if r.kind != "social"})
    assert widths == [480, 800, 1000]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("cao.jpg", images.jpeg(size=(1080, 18000)), [(480, 8000), (800, 13333), (983, 16383)]),
        ("soi-chi.png", images.png(size=(1, 20000)), [(1, 16383)]),
    ],
)
def test_a_very_tall_picture_gets_renditions_every_format_can_hold(name, content, expected):
    ingested = imaging.ingest(images.upload(name, content))

    for fmt in ("webp", "jpeg"):
        made = [(r.width, r.height) for r in ingested.renditions if r.format == fmt]
        assert [size for size in made if size != imaging.SOCIAL_SIZE] == expected
    for rendition in ingested.renditions:
        assert open_bytes(rendition.content).size == (rendition.width, rendition.height)


def test_widths_that_narrow_to_the_same_size_are_made_once():
    ingested = imaging.ingest(images.upload("cao.png", images.png(size=(1000, 39000))))

    assert [(r.kind, r.format, r.width, r.height) for r in ingested.renditions][:2] == [
        ("w420", "webp", 420, 16383),
        ("w420", "jpeg", 420, 16383),
    ]
    assert len(ingested.renditions) == 3


def test_prepare_makes_the_original_only():
    prepared = imaging.prepare(images.upload("dien-thoai.jpg", images.phone_photo()))

    assert prepared.renditions == []
    assert images.GPS_MARKER.encode() not in prepared.original.content
    assert open_bytes(prepared.original.content).size == (
        prepared.original.width,
        prepared.original.height,
    )


def test_original_is_reencoded_in_its_uploaded_format_at_full_size():
    ingested = imaging.ingest(images.upload("anh.webp", images.webp(size=(1700, 900))))

    original = ingested.original
    assert (original.kind, original.format, original.width, original.height) == (
        "original",
        "webp",
        1700,
        900,
    )


def test_social_image_is_exactly_1200_by_630_jpeg():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(300, 200))))

    social = ingested.renditions[-1]
    image = open_bytes(social.content)
    assert (social.kind, image.format, image.size) == ("social", "JPEG", (1200, 630))


def test_social_image_is_cropped_from_the_centre_by_default():
    ingested = imaging.ingest(images.upload("anh.png", images.three_bands()))

    image = open_bytes(ingested.renditions[-1].content)
    assert close_to(image.getpixel((600, 315)), images.GREEN)


def test_social_image_is_cropped_around_the_focal_point():
    upload = images.upload("anh.png", images.three_bands())

    ingested = imaging.ingest(upload, focal_point=(0.9, 0.5))

    image = open_bytes(ingested.renditions[-1].content)
    assert close_to(image.getpixel((600, 315)), images.BLUE)


def test_crop_box_stays_inside_the_image_near_an_edge():
    assert imaging.crop_box((3000, 630), (1200, 630), (0.0, 0.5)) == (0, 0, 1200, 630)


def test_focal_point_outside_the_image_is_an_error():
    with pytest.raises(ValueError):
        imaging.crop_box((3000, 630), (1200, 630), (1.5, 0.5))


# Storage names


def test_generated_name_uses_local_year_month_and_a_uuid():
    # 23:30 UTC on 31 May is already 1 June in Việt Nam.
    with time_machine.travel(dt.datetime(2026, 5, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        name = imaging.generated_name("jpg")

    assert re.fullmatch(r"photos/2026/06/[0-9a-f]{32}\.jpg", name)


def test_generated_names_differ():
    assert imaging.generated_name("jpg") != imaging.generated_name("jpg")


def test_stored_renditions_have_generated_names_not_the_uploaded_one():
    upload = images.upload("Hoi-nghi-Cum-5_GPS.jpg", images.jpeg(size=(900, 600)))
    ingested = imaging.ingest(upload)
    name = imaging.generated_name(ingested.original.extension)

    entries = imaging.store_renditions(default_storage, name, ingested.renditions)

    base = name.removesuffix(".jpg")
    assert [entry["name"] for entry in entries] == [
        f"{base}-w480.webp",
        f"{base}-w480.jpg",
        f"{base}-w800.webp",
        f"{base}-w800.jpg",
        f"{base}-w900.webp",
        f"{base}-w900.jpg",
        f"{base}-social.jpg",
    ]
    assert not any("Hoi-nghi" in entry["name"] for entry in entries)


def test_stored_entries_describe_the_saved_files():
    ingested = imaging.ingest(images.upload("anh.jpg", images.jpeg(size=(500, 400))))

    entries = imaging.store_renditions(default_storage, "photos/2026/06/abc", ingested.renditions)

    assert entries[0] == {
        "kind": "w480",
        "format": "webp",
        "width": 480,
        "height": 384,
        "name": "photos/2026/06/abc-w480.webp",
        "bytes": len(ingested.renditions[0].content),
    }
    with default_storage.open(entries[0]["name"]) as stored:
        assert stored.read() == ingested.renditions[0].content

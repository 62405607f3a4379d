"""Time and peak memory to ingest a 24-megapixel camera JPEG (make bench).

At smoke size (BENCH_SIZE=smoke, what CI runs) the picture is 6 megapixels and only the
ingest's result is checked: the memory limit is for the full-size picture.

The ingest runs in a fresh interpreter so that its peak resident set size (which counts
Pillow's C buffers, unlike tracemalloc) belongs to the ingest alone, plus Django. Linux
carries the parent's resident size at fork over exec into ru_maxrss, so the child reads its
own high-water mark, VmHWM, and falls back to ru_maxrss (then an upper bound) elsewhere.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms

from tests.bench import sizes

pytestmark = pytest.mark.bench

SIZE = (6000, 4000)
SMOKE_SIZE = (3000, 2000)
MEMORY_LIMIT_MB = 1024
ROOT = Path(__file__).resolve().parents[2]


def camera_jpeg(path, size=SIZE):
    """A camera-like JPEG: gradients under grain, EXIF with GPS, an ICC profile."""
    horizontal = Image.linear_gradient("L").rotate(90).resize(size)
    vertical = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, 24)
    channels = [
        Image.blend(horizontal, grain, 0.35),
        Image.blend(vertical, grain, 0.25),
        Image.blend(radial, grain, 0.3),
    ]
    image = Image.merge("RGB", channels)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # held upright: normalise has to rotate 24 MP
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=92, exif=exif.tobytes(), icc_profile=profile)


def peak_rss_mb():
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


def measure(path):
    """Run in the fresh interpreter: validate, then ingest; report figures as JSON."""
    import django

    django.setup()
    from django.core.files import File

    from photos import imaging

    baseline = peak_rss_mb()
    with open(path, "rb") as handle:
        upload = File(handle, name="DSC_0001.JPG")
        started = time.perf_counter()
        info = imaging.validate_upload(upload)
        validated = time.perf_counter()
        ingested = imaging.ingest(upload)
        finished = time.perf_counter()
    peak = peak_rss_mb()
    return {
        "size": [info.width, info.height],
        "validate_s": round(validated - started, 2),
        "ingest_s": round(finished - validated, 2),
        "total_s": round(finished - started, 2),
        "baseline_mb": round(baseline),
        "peak_mb": round(peak),
        "outputs": len(ingested.renditions) + 1,
        "output_bytes": len(ingested.original.content)
        + sum(len(r.content) for r in ingested.renditions),
    }


def test_ingest_24_megapixel_jpeg(tmp_path, pytestconfig):
    smoke = all(sizes.is_smoke(name) for name in sizes.chosen(pytestconfig))
    size = SMOKE_SIZE if smoke else SIZE
    source = tmp_path / "camera.jpg"
    camera_jpeg(source, size)

    completed = subprocess.run(  # noqa: S603 (our interpreter, our module, our temp file)
        [sys.executable, "-m", "tests.bench.test_bench_imaging", str(source)],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(completed.stdout)

    print(
        f"\nIngest of a {size[0]}×{size[1]} JPEG ({source.stat().st_size / 1e6:.1f} MB): "
        f"validate {figures['validate_s']} s, normalise + original + renditions "
        f"{figures['ingest_s']} s, total {figures['total_s']} s; peak RSS "
        f"{figures['peak_mb']} MB (Python + Django before the ingest: "
        f"{figures['baseline_mb']} MB); {figures['outputs']} files, "
        f"{figures['output_bytes'] / 1e6:.1f} MB"
    )
    assert figures["size"] == [size[1], size[0]]
    assert figures["outputs"] > 1
    if not smoke:
        assert figures["peak_mb"] < MEMORY_LIMIT_MB


if __name__ == "__main__":
    json.dump(measure(sys.argv[1]), sys.stdout)

"""Media on S3-compatible object storage (django-storages), against moto's S3 server."""

import datetime as dt

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from moto.server import ThreadedMotoServer

from newsroom import media
from newsroom.settings import services
from tests.newsroom import uploads

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

BUCKET = "anh-toa-soan"


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, monkeypatch, settings):
    """The settings an operator writes in the environment, read by our settings code."""
    for name, value in {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "ap-southeast-1",
        "S3_ACCESS_KEY_ID": "khoa-thu",
        "S3_SECRET_ACCESS_KEY": "bi-mat-thu",
        "S3_CUSTOM_DOMAIN": "anh.congan.example.vn",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="ap-southeast-1",
        aws_access_key_id="khoa-thu",
        aws_secret_access_key="bi-mat-thu",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-southeast-1"}
    )
    settings.STORAGES = services.storages(settings.STORAGES["staticfiles"]["BACKEND"])
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_files_go_to_the_bucket_and_are_read_back(bucket):
    name = default_storage.save("anh/2026/goc.jpg", ContentFile(b"noi-dung-anh"))
    assert keys(bucket) == ["anh/2026/goc.jpg"]
    with default_storage.open(name) as handle:
        assert handle.read() == b"noi-dung-anh"
    assert default_storage.url(name) == "https://anh.congan.example.vn/anh/2026/goc.jpg"
    head = bucket.head_object(Bucket=BUCKET, Key=name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"


def test_an_object_is_never_replaced(bucket):
    first = default_storage.save("goc.jpg", ContentFile(b"mot"))
    second = default_storage.save("goc.jpg", ContentFile(b"hai"))
    assert first != second
    assert len(keys(bucket)) == 2


def test_an_editor_upload_lands_in_the_bucket_with_its_renditions(bucket, client, editor):
    client.force_login(editor)
    upload = uploads.jpeg("hoi-nghi.jpg", size=(1000, 700))
    response = client.post("/soan-thao/tai-anh/", {"upload": upload})
    assert response.status_code == 200
    stored = keys(bucket)
    photo = media._photo_model().objects.get()
    assert photo.image.name in stored
    assert {entry["name"] for entry in photo.renditions} <= set(stored)


def test_the_clean_up_walks_the_bucket(bucket):
    default_storage.save("anh/mo-coi.jpg", ContentFile(b"x" * 10))
    report = media.find(grace=dt.timedelta(0))
    assert [found.name for found in report.orphans] == ["anh/mo-coi.jpg"]


def test_an_object_gone_between_the_listing_and_its_reading_is_a_non_event(bucket, monkeypatch):
    """S3 answers a missing object's size or time with a 404 ClientError: the clean-up
    asks whether it still exists and, if not, leaves it out instead of failing."""
    default_storage.save("anh/mo-coi.jpg", ContentFile(b"x" * 10))
    default_storage.save("anh/da-xoa.jpg", ContentFile(b"y" * 10))
    storage = storages["default"]
    real_listdir = storage.listdir

    def listdir_then_vanish(name):
        listed = real_listdir(name)
        if "da-xoa.jpg" in listed[1]:
            bucket.delete_object(Bucket=BUCKET, Key="anh/da-xoa.jpg")  # listed, then gone
        return listed

    monkeypatch.setattr(storage, "listdir", listdir_then_vanish)
    report = media.clean(storage, delete=True, grace=dt.timedelta(0))
    assert [found.name for found in report.orphans] == ["anh/mo-coi.jpg"]
    assert report.deleted == 1
    assert keys(bucket) == []

"""An official's portrait is stored under a name that says nothing about the person.

Media files are served to anyone who asks. A portrait kept under its uploaded name
("ho-van-tu.jpg") would let someone confirm that a withheld officer is on the records
by guessing the address, although no page ever shows the picture.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.clusters import factories as f
from tests.photos import images

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("disclosure", ["public", "initials", "withheld"])
def test_portrait_file_name_does_not_carry_the_uploaded_name(disclosure):
    official = f.OfficialFactory(full_name="Hồ Văn Tứ", disclosure=disclosure)
    official.photo = SimpleUploadedFile("Ho-Van-Tu ../../anh-the.JPG", images.jpeg())

    official.save()

    assert re.fullmatch(r"can-bo/\d{4}/[0-9a-f]{32}\.jpg", official.photo.name)

"""Officials' portraits become library photos: one ingest path (photos.imaging) for every
picture, renditions included. Each stored portrait file is ingested as a new library
photo and linked; the old file under can-bo/ stays where it was (the media clean-up,
``manage.py clean_media``, reports it once nothing refers to it). A portrait whose file
is missing or unreadable is dropped: the official keeps no picture."""

import logging

import django.db.models.deletion
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import migrations, models

from newsroom import search
from newsroom.roles import sync_roles

logger = logging.getLogger(__name__)


def portraits_to_library(apps, schema_editor):
    from photos import imaging

    Official = apps.get_model("clusters", "Official")
    Photo = apps.get_model("photos", "Photo")
    for official in Official.objects.exclude(photo="").exclude(photo__isnull=True):
        storage = official.photo.storage
        try:
            with storage.open(official.photo.name) as original:
                ingested = imaging.ingest(original)
        except (OSError, ValidationError):
            logger.warning("portrait of official %s not ingested: %s", official.pk, official.photo)
            continue
        name = storage.save(
            imaging.generated_name(ingested.original.extension),
            ContentFile(ingested.original.content),
        )
        # The library shows the name only of officials public pages name in full.
        named = official.disclosure == "public"
        caption = official.full_name if named else ""
        alt_text = f"Ảnh chân dung {official.full_name}" if named else "Ảnh chân dung cán bộ"
        photo = Photo.objects.create(
            image=name,
            width=ingested.original.width,
            height=ingested.original.height,
            renditions=imaging.store_renditions(storage, name, ingested.renditions),
            caption=caption,
            alt_text=alt_text,
            search_text=search.document(caption, alt_text),
        )
        official.portrait = photo
        official.save(update_fields=["portrait"])


def portraits_back(apps, schema_editor):
    Official = apps.get_model("clusters", "Official")
    for official in Official.objects.exclude(portrait=None).select_related("portrait"):
        official.photo = official.portrait.image.name
        official.save(update_fields=["photo"])


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0003_roles"),
        ("photos", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="official",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                help_text="Ảnh trong thư viện ảnh (chọn ảnh có sẵn hoặc tải ảnh mới lên bên "
                "dưới). Chỉ hiện công khai khi cán bộ được công khai họ tên.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="official_portraits",
                to="photos.photo",
                verbose_name="ảnh chân dung",
            ),
        ),
        migrations.RunPython(portraits_to_library, portraits_back),
        migrations.RemoveField(model_name="official", name="photo"),
        # Records staff see the library, to choose a portrait from it.
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]

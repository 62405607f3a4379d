import factory

from photos import ingest
from photos.models import Photo
from tests.photos import images


class PhotoFactory(factory.django.DjangoModelFactory):
    """A library photo made the way uploads are: a real JPEG through photos.ingest.attach_upload
    and ``ingest.save`` (the tests' tasks run at once, so it has its renditions).

    ``size`` (default 900×600) sets the uploaded picture's size.
    """

    class Meta:
        model = Photo

    caption = factory.Sequence(lambda n: f"Toàn cảnh Hội nghị lần {n}.")
    credit = "Xuân Bắc"
    alt_text = factory.Sequence(lambda n: f"Đại biểu ngồi kín hội trường, lần {n}")

    @classmethod
    def _create(cls, model_class, *args, size=(900, 600), **kwargs):
        photo = model_class(*args, **kwargs)
        ingest.attach_upload(photo, images.upload("anh.jpg", images.jpeg(size)))
        return ingest.save(photo)

from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "photos"
    verbose_name = "Ảnh"

    def ready(self):
        from . import clearance  # noqa: F401  (labels its audit action)

from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Biên tập"

    def ready(self):
        from . import previews  # noqa: F401  (labels its audit actions)

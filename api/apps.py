from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API đọc"

    def ready(self):
        from . import caching

        caching.connect()

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = "Bạn đọc"

    def ready(self):
        from . import caching, segment

        caching.connect()
        segment.connect()

from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = "Bạn đọc"

    def ready(self):
        from . import caching, reader_lists, segment

        caching.connect()
        reader_lists.connect()
        segment.connect()

from django.apps import AppConfig


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = "Hồ sơ thi đua"

    def ready(self):
        from photos import usage

        # The write path labels its audit actions and registers revisions when imported.
        from . import editing  # noqa: F401
        from .portraits import OfficialUsage

        usage.register(OfficialUsage())

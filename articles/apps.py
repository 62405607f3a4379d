from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        from photos import usage

        # The write path and the workflow label their audit actions when imported.
        from . import editing, workflow  # noqa: F401
        from .photos import ArticleUsage

        usage.register(ArticleUsage())

from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Tin bài"

    def ready(self):
        from photos import usage

        from .photos import ArticleUsage

        usage.register(ArticleUsage())

from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "importer"
    verbose_name = "Nhập bài"

    def ready(self):
        from articles import advice, bodies, signals

        from . import abbreviations, archive, checks, receivers

        # The hooks articles offers: the glossary finishes the public body, the house
        # style advises before submitting, a submitted article's unknown officials go
        # to records staff.
        bodies.register(abbreviations.annotate_public)
        advice.register(checks.advise)
        signals.article_changed.connect(receivers.article_submitted, dispatch_uid="importer")
        # Editors publish imported back issues with their original date.
        archive.register()

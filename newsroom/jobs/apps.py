from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "newsroom.jobs"
    label = "jobs"
    verbose_name = "Tác vụ nền"

    def ready(self):
        # Each app's tasks.py registers its periodic jobs on import.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")

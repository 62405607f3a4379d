from django.apps import AppConfig


class PlainConfig(AppConfig):
    name = "tests.bench.plain"
    label = "bench_plain"
    verbose_name = "Bảng đối chứng (benchmark)"

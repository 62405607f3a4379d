"""The site's URLs plus the benchmark's baseline page (``tests.bench.app.baseline``)."""

from django.urls import path

from newsroom.urls import handler404, handler500, urlpatterns

from . import app

urlpatterns = [path("_baseline/<slug:slug>/", app.baseline, name="bench_baseline"), *urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]

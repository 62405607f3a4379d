"""The site's URLs plus the benchmark's baseline page (``tests.bench.app.baseline``) and
the stock admin the desk is measured against (``tests.bench.plain.admin``)."""

from django.urls import path

from newsroom.urls import handler404, handler500, urlpatterns

from . import app
from .plain.admin import stock_site

urlpatterns = [
    path("_baseline/<slug:slug>/", app.baseline, name="bench_baseline"),
    path("admin-stock/", stock_site().urls),
    *urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    # First: the public pages read most (home, sections, articles) are resolved without
    # trying every other app's patterns first (none of theirs shares these prefixes).
    path("", include("articles.urls")),
    path("admin/tai-khoan/", include("newsroom.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("giao-dien/<slug:version>.css", views.theme_css, name="theme_css"),
    path("", include("photos.urls")),
    path("", include("clusters.urls")),
    path("", include("editorial.urls")),
    path("", include("discovery.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "django.views.defaults.page_not_found"
handler500 = "newsroom.views.server_error"

from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("xem-truoc/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    # Under a staff prefix (settings.STAFF_PATH_PREFIXES): private, never cached.
    path("soan-thao/xem-truoc/<int:pk>/", views.typed_preview, name="typed_preview"),
]

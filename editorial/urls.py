from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [
    path("xem-truoc/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
]

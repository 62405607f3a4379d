from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("soan-thao/tai-anh/", views.editor_image_upload, name="editor_image_upload"),
    path("soan-thao/anh/<int:pk>/", views.editor_photo, name="editor_photo"),
]

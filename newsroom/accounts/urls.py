from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.security, name="security"),
    path("xac-thuc/", views.verify, name="verify"),
    path("hai-buoc/", views.enrol, name="enrol"),
    path("hai-buoc/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("hai-buoc/ma-moi/", views.regenerate_codes, name="regenerate_codes"),
    path("hai-buoc/tat/", views.turn_off, name="turn_off"),
    path("dang-xuat-moi-noi/", views.sign_out_everywhere, name="sign_out_everywhere"),
]

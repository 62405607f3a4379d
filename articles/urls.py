from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("bai-viet/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
]

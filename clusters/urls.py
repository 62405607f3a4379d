from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("cum-thi-dua/", views.ClusterListView.as_view(), name="cluster_list"),
    path("cum-thi-dua/<slug:slug>/", views.ClusterDetailView.as_view(), name="cluster"),
    path("don-vi/<slug:slug>/", views.UnitDetailView.as_view(), name="unit"),
    path("can-bo/<slug:slug>/", views.OfficialDetailView.as_view(), name="official"),
]

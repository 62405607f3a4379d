from django.urls import path, re_path

from . import feeds, sitemaps, views

app_name = "discovery"

urlpatterns = [
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("doc/<int:pk>/", views.read, name="read"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("rss/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("rss/<slug:slug>/", feeds.LatestArticlesFeed(), name="section_feed_rss"),
    path("rss/<slug:slug>/atom/", feeds.LatestArticlesAtomFeed(), name="section_feed_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-tin-moi.xml", sitemaps.news, name="sitemap_news"),
    re_path(
        r"^sitemap-bai-viet-(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.xml$",
        sitemaps.articles,
        name="sitemap_articles",
    ),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
]

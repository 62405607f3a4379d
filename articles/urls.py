from django.urls import path

from . import feeds, previews, sitemaps, views, views_search

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chuyen-muc/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("bai-viet/<slug:slug>/", views.ArticleView.as_view(), name="article"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("xem-truoc/<str:token>/", previews.PreviewLinkView.as_view(), name="preview"),
    # --- discovery ---
    path("tim-kiem/", views_search.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("rss/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("rss/<slug:slug>/", feeds.LatestArticlesFeed(), name="section_feed_rss"),
    path("rss/<slug:slug>/atom/", feeds.LatestArticlesAtomFeed(), name="section_feed_atom"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-tin-moi.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
]

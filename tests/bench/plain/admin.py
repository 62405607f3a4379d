"""Django's stock admin, as a developer would first write it for such a table.

The yardstick is served by a stock ``AdminSite`` (``/admin-stock/``), not the newsroom's
site: that one builds its app list only where a page shows it, which stock Django does
on every page. So the stock pages pay what Django's admin pays in a project of this
size, the site holding every model the newsroom's does (``stock_site``).
"""

from django.contrib import admin

from .models import PlainArticle


class PlainArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title"]


def stock_site():
    """A stock AdminSite with the plain model and every model of the newsroom's site."""
    site = admin.AdminSite(name="stock_admin")
    # As the newsroom's site shows it (the sidebar off: the same page without it).
    site.enable_nav_sidebar = admin.site.enable_nav_sidebar
    site.register(PlainArticle, PlainArticleAdmin)
    for model, model_admin in admin.site._registry.items():
        site.register(model, type(model_admin))
    return site

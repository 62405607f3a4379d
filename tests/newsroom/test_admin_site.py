"""The newsroom's admin site builds its app list only for the pages that show it."""

from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.urls import reverse

from newsroom.adminsite import NewsroomAdminSite
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_the_default_site_is_the_newsrooms():
    assert isinstance(admin.site, NewsroomAdminSite)


@pytest.fixture
def builds():
    """How many times a request built the app list (Django's own builder, counted)."""
    with mock.patch.object(
        AdminSite, "_build_app_dict", autospec=True, side_effect=AdminSite._build_app_dict
    ) as built:
        yield built


def test_a_change_form_does_not_build_the_app_list(client, editor, builds):
    article = ArticleFactory(created_by=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert builds.call_count == 0
    # Django's context still offers it, for a template that reads it.
    assert [app["app_label"] for app in response.context["available_apps"]]
    assert builds.call_count == 1


def test_the_home_and_an_app_page_list_the_apps(client, editor, builds):
    client.force_login(editor)
    home = client.get(reverse("admin:index"))
    assert home.status_code == 200
    assert reverse("admin:articles_article_changelist") in home.text
    assert builds.call_count == 1
    page = client.get(reverse("admin:app_list", args=["articles"]))
    assert page.status_code == 200
    assert reverse("admin:articles_tag_changelist") in page.text
    assert builds.call_count == 2


def test_an_app_the_user_may_not_see_is_not_found(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("admin:app_list", args=["auth"])).status_code == 404

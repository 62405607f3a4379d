"""Presence: who else has the article open, shown and taken over, never blocking."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from editorial import presence
from tests.articles.factories import ArticleFactory
from tests.editorial.article_form import admin_url, change_url, open_form

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = dt.datetime(2026, 11, 27, 10, 5, tzinfo=HANOI)


# --- Presence -------------------------------------------------------------------------


def test_first_visitor_holds_the_marker(editor):
    with time_machine.travel(MORNING, tick=False):
        assert presence.visit(1, editor)["state"] == "mine"


def test_second_visitor_is_told_who_has_the_article_open_and_since_when(editor, reporter):
    with time_machine.travel(MORNING, tick=False):
        presence.visit(1, editor)
        seen = presence.visit(1, reporter)
    assert seen["state"] == "other"
    assert seen["message"] == "Nguyễn Văn An đang mở bài này (từ 10:05)"


def test_the_marker_expires_by_itself_when_the_heartbeat_stops(editor, reporter):
    with time_machine.travel(MORNING, tick=False) as traveller:
        presence.visit(1, editor)
        traveller.shift(presence.PRESENCE_TIMEOUT - 1)
        assert presence.visit(1, reporter)["state"] == "other"
        traveller.shift(2)
        assert presence.visit(1, reporter)["state"] == "mine"


def test_the_heartbeat_keeps_the_marker(editor, reporter):
    with time_machine.travel(MORNING, tick=False) as traveller:
        presence.visit(1, editor)
        for _ in range(5):
            traveller.shift(presence.HEARTBEAT_SECONDS)
            presence.visit(1, editor)
        assert presence.visit(1, reporter)["state"] == "other"


def test_leaving_frees_the_marker_at_once(editor, reporter):
    presence.visit(1, editor)
    presence.leave(1, reporter)
    assert presence.visit(1, reporter)["state"] == "other"
    presence.leave(1, editor)
    assert presence.visit(1, reporter)["state"] == "mine"


def test_change_page_shows_who_else_has_it_open(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    with time_machine.travel(MORNING, tick=False):
        open_form(Client(), reporter, article)
        client.force_login(editor)
        html = client.get(change_url(article)).content.decode()
    assert "Nguyễn Văn An đang mở bài này (từ 10:05)" in html
    assert "Tiếp quản" in html


def test_heartbeat_answers_in_json(client, editor, reporter):
    article = ArticleFactory()
    presence.visit(article.pk, reporter)
    client.force_login(editor)
    response = client.post(admin_url("presence", article))
    assert response.json()["state"] == "other"


def test_an_editor_takes_the_marker_over(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    presence.visit(article.pk, reporter)
    client.force_login(editor)
    response = client.post(admin_url("take_over", article))
    assert response.status_code == 302
    assert presence.visit(article.pk, reporter)["state"] == "other"
    assert presence.visit(article.pk, editor)["state"] == "mine"


def test_a_reporter_cannot_take_the_marker_over(client, editor, reporter):
    article = ArticleFactory(created_by=reporter)
    presence.visit(article.pk, editor)
    client.force_login(reporter)
    assert client.post(admin_url("take_over", article)).status_code == 403
    assert presence.visit(article.pk, editor)["state"] == "mine"

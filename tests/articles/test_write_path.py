"""Every writer goes through the one write path: each write of an article gets exactly one
new revision and one audit entry, and sends ``article_changed`` exactly once, on commit.
"""

import datetime as dt
from collections import Counter

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from articles import editing, revisions
from articles.models import Article
from articles.signals import article_changed
from newsroom.models import AuditEntry
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.articles.steps import step
from tests.editorial.article_form import admin_url, change_url, form_data, step_data, workflow_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    received = []

    def receiver(sender, article_id, action, **kwargs):
        received.append((article_id, action))

    article_changed.connect(receiver)
    yield received
    article_changed.disconnect(receiver)


def revisions_of(pk):
    return Version.objects.get_for_model(Article).filter(object_id=str(pk)).count()


def audit_of(pk):
    article_type = ContentType.objects.get_for_model(Article)
    return list(
        AuditEntry.objects.filter(content_type=article_type, object_id=pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def write_once(write, announced, capture, article):
    """Run one write; what it added: (revisions, audit actions, signals sent on commit).

    ``write`` returns the new article's id when it makes one.
    """
    pk = article.pk if article is not None else None
    revisions_before = revisions_of(pk) if pk else 0
    audit_before = len(audit_of(pk)) if pk else 0
    with capture(execute=False) as callbacks:
        made = write()
        pk = made if isinstance(made, int) else pk
        assert announced == [], "sent before the commit"
    for callback in callbacks:
        callback()
    return revisions_of(pk) - revisions_before, audit_of(pk)[audit_before:], announced


def test_a_direct_call(editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    added = write_once(
        lambda: (
            editing.save_article(
                article, editor, changes={"title": "Sửa"}, expected_version=article.version
            )
            and None
        ),
        announced,
        django_capture_on_commit_callbacks,
        article,
    )
    assert added == (1, ["article.edited"], [(article.pk, "article.edited")])


def test_the_admin_change_form(client, editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    client.force_login(editor)

    def post():
        response = client.post(change_url(article), form_data(article, title="Tiêu đề mới"))
        assert response.status_code == 302

    added = write_once(post, announced, django_capture_on_commit_callbacks, article)
    assert added == (1, ["article.edited"], [(article.pk, "article.edited")])


def test_the_admin_add_form(client, reporter, announced, django_capture_on_commit_callbacks):
    client.force_login(reporter)
    data = form_data(
        ArticleFactory.build(section=SectionFactory(), slug=""),
        bylines=[(AuthorFactory(name="Trọng Tuấn"), "")],
        loaded_version="",
    )

    def post():
        assert client.post("/admin/articles/article/add/", data).status_code == 302
        return Article.objects.get().pk

    added = write_once(post, announced, django_capture_on_commit_callbacks, None)
    pk = Article.objects.get().pk
    assert added == (1, ["article.created"], [(pk, "article.created")])


def test_a_workflow_button(client, editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    client.force_login(editor)

    def post():
        client.post(workflow_url(article, "publish"), step_data(article))

    added = write_once(post, announced, django_capture_on_commit_callbacks, article)
    assert added == (1, ["article.published"], [(article.pk, "article.published")])


def test_a_restore(client, editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory(title="Một")
    revisions.record(article, editor, "Một")
    version = Version.objects.get_for_object(article).get()
    Article.objects.filter(pk=article.pk).update(title="Hai")
    client.force_login(editor)

    def post():
        client.post(admin_url("restore", article, version.pk))

    added = write_once(post, announced, django_capture_on_commit_callbacks, article)
    assert added == (1, ["article.restored"], [(article.pk, "article.restored")])
    assert Article.objects.get(pk=article.pk).title == "Một"


def test_a_correction(editor, announced, django_capture_on_commit_callbacks):
    article = ArticleFactory(published=True)

    def call():
        editing.add_correction(article, editor, "Bài ghi nhầm ngày.")

    added = write_once(call, announced, django_capture_on_commit_callbacks, article)
    assert added == (1, ["article.corrected"], [(article.pk, "article.corrected")])


def test_a_deletion_is_logged_and_announced(
    client, editor, announced, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    client.force_login(editor)

    def post():
        client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})

    added = write_once(post, announced, django_capture_on_commit_callbacks, article)
    assert added == (0, ["article.deleted"], [(article.pk, "article.deleted")])


def test_a_rolled_back_save_sends_nothing_and_records_nothing(
    editor, announced, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Giữ nguyên")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        editing.save_article(
            article, editor, changes={"title": "Bỏ"}, expected_version=article.version
        )
        raise RuntimeError("the caller's transaction fails after the save")
    assert callbacks == []
    assert announced == []
    assert revisions_of(article.pk) == 0
    assert audit_of(article.pk) == []
    assert Article.objects.get(pk=article.pk).title == "Giữ nguyên"


def test_seed_demo_writes_every_article_through_the_write_path(
    monkeypatch, announced, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(settings, "DEMO_PASSWORD", "matkhau-trinh-dien")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    signals = Counter(pk for pk, _action in announced)
    articles = list(Article.objects.all())
    assert len(articles) >= 20
    for article in articles:
        writes = audit_of(article.pk)
        assert writes[0] == "article.created", article
        # One revision, one audit entry and one signal per write: created, then each step.
        assert revisions_of(article.pk) == len(writes) == signals[article.pk], article
    published = Article.objects.get(slug__startswith="cum-thi-dua-so-5-so-ket-phong-trao")
    assert audit_of(published.pk) == ["article.created", "article.submitted", "article.published"]


def test_workflow_steps_and_saves_alternate_with_one_revision_each(editor):
    article = ArticleFactory()
    at = timezone.now() + dt.timedelta(days=1)
    step("submit", article, editor)
    editing.save_article(
        article, editor, changes={"lead": "Sapo"}, expected_version=article.version
    )
    step("schedule", article, editor, at=at)
    assert revisions_of(article.pk) == 3
    assert audit_of(article.pk) == ["article.submitted", "article.edited", "article.scheduled"]

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleSlug, Authorship
from tests.articles.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory
from tests.articles.steps import step
from tests.editorial.article_form import (
    bulk_data,
    change_url,
    form_data,
    step_data,
    workflow_url,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

Status = Article.Status
CHANGELIST = "/admin/articles/article/"


# --- The permission matrix, through the same HTTP requests a crafted form would send ---

ACTORS = ["anonymous", "own_reporter", "other_reporter", "editor", "records_officer"]
ALLOWED = {
    "view_draft": {"own_reporter", "editor"},
    "edit": {"own_reporter", "editor"},
    "submit": {"own_reporter", "editor"},
    "publish": {"editor"},
    "schedule": {"editor"},
    "unpublish": {"editor"},
}


def view_draft(client, article):
    return client.get(article.get_absolute_url()).status_code == 200


def edit(client, article):
    client.post(change_url(article), form_data(article, title="Tiêu đề đã bị sửa"))
    article.refresh_from_db()
    return article.title == "Tiêu đề đã bị sửa"


def submit(client, article):
    client.post(workflow_url(article, "submit"), step_data(article))
    article.refresh_from_db()
    return article.status == Status.REVIEW


def publish(client, article):
    client.post(workflow_url(article, "publish"), step_data(article))
    article.refresh_from_db()
    return article.status == Status.PUBLISHED


def schedule(client, article):
    at = timezone.localtime() + dt.timedelta(days=2)
    client.post(
        workflow_url(article, "schedule"),
        {
            "version": article.version,
            "published_at_0": at.strftime("%d/%m/%Y"),
            "published_at_1": "08:00",
        },
    )
    article.refresh_from_db()
    return article.status == Status.PUBLISHED and article.published_at > timezone.now()


def unpublish(client, article):
    client.post(workflow_url(article, "unpublish"), step_data(article))
    article.refresh_from_db()
    return article.status == Status.UNPUBLISHED


STEPS = {f.__name__: f for f in (view_draft, edit, submit, publish, schedule, unpublish)}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("step", list(STEPS))
def test_permission_matrix(step, actor, client, request, reporter):
    users = {
        "own_reporter": reporter,
        "other_reporter": "other_reporter",
        "editor": "editor",
        "records_officer": "records_officer",
    }
    if actor != "anonymous":
        user = users[actor]
        client.force_login(request.getfixturevalue(user) if isinstance(user, str) else user)
    state = {"published": True} if step == "unpublish" else {}
    article = ArticleFactory(created_by=reporter, **state)
    assert STEPS[step](client, article) is (actor in ALLOWED[step])


def test_reporter_may_not_edit_own_article_in_review(client, reporter):
    article = ArticleFactory(created_by=reporter, in_review=True)
    client.force_login(reporter)
    response = client.post(change_url(article), form_data(article, title="Sửa lén"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa lén"


def test_reporter_may_edit_an_article_returned_to_them(client, reporter, editor):
    article = ArticleFactory(created_by=reporter, in_review=True)
    step("return", article, editor, note="Thêm ảnh")
    client.force_login(reporter)
    client.post(change_url(article), form_data(article, title="Đã sửa theo ý kiến"))
    article.refresh_from_db()
    assert article.title == "Đã sửa theo ý kiến"


def test_reporter_may_not_return_an_article_by_crafted_post(client, reporter):
    article = ArticleFactory(created_by=reporter, in_review=True)
    client.force_login(reporter)
    response = client.post(
        workflow_url(article, "return"), {"version": article.version, "note": "tự trả"}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_reporter_crafted_bulk_publish_is_refused(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    client.post(CHANGELIST, bulk_data("publish_selected", article, cua="toi"))
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reporter_cannot_set_editor_only_fields(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    client.post(change_url(article), form_data(article, is_featured="on"))
    article.refresh_from_db()
    assert not article.is_featured


def test_workflow_steps_without_a_form_refuse_get(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert client.get(workflow_url(article, "publish")).status_code == 405
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_unknown_workflow_step_is_404(client, editor):
    client.force_login(editor)
    assert client.get(workflow_url(ArticleFactory(), "xoa-het")).status_code == 404


# --- Writing an article -------------------------------------------------------------


def test_reporter_adds_a_draft_signed_with_their_byline(client, reporter):
    author = AuthorFactory(name="Trọng Tuấn", user=reporter)
    section = SectionFactory()
    client.force_login(reporter)
    # The form starts with their own byline in view; nothing is signed unseen.
    html = client.get("/admin/articles/article/add/").content.decode()
    assert f'<option value="{author.pk}" selected>Trọng Tuấn</option>' in html
    data = form_data(
        ArticleFactory.build(section=section, slug=""),
        bylines=[(author, "")],
        title="Công an Hà Tĩnh sơ kết 6 tháng",
        body="<p>Nội dung <strong>đậm</strong></p>",
    )
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == reporter
    assert article.slug == "cong-an-ha-tinh-so-ket-6-thang"
    assert [a.author for a in article.authorships.all()] == [author]


def test_ordered_bylines_are_saved_from_the_inline(client, editor):
    article = ArticleFactory()
    first, second = AuthorFactory(name="Trọng Tuấn"), AuthorFactory(name="Xuân Bắc")
    client.force_login(editor)
    data = form_data(
        article,
        **{
            "authorships-TOTAL_FORMS": "2",
            "authorships-0-author": second.pk,
            "authorships-0-role": "photo",
            "authorships-0-position": "2",
            "authorships-1-author": first.pk,
            "authorships-1-role": "text",
            "authorships-1-position": "1",
        },
    )
    client.post(change_url(article), data)
    assert [a.author.name for a in article.authorships.all()] == ["Trọng Tuấn", "Xuân Bắc"]
    assert article.authorships.last().get_role_display() == "Ảnh"


def test_change_form_has_ckeditor_under_the_csp_nonce(client, editor):
    client.force_login(editor)
    response = client.get(change_url(ArticleFactory()))
    html = response.content.decode()
    assert "django_ckeditor_5/dist/bundle.js" in html
    assert 'class="django_ckeditor_5"' in html
    assert reverse("photos:editor_image_upload") in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    # Under that policy only external scripts (or ones carrying the nonce) run.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or "nonce=" in tag or 'type="application/json"' in tag, tag


def test_changing_a_published_slug_keeps_the_old_address(client, editor):
    article = ArticleFactory(published=True, slug="ten-cu")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, slug="ten-moi"))
    article.refresh_from_db()
    assert article.slug == "ten-moi"
    assert ArticleSlug.objects.get(slug="ten-cu").article == article
    client.logout()
    response = client.get("/bai-viet/ten-cu/")
    assert response.status_code == 301
    assert response["Location"] == "/bai-viet/ten-moi/"


# --- Buttons, messages, forms -------------------------------------------------------


def test_reporter_sees_submit_button_and_no_publish_button(client, reporter):
    article = ArticleFactory(created_by=reporter)
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert workflow_url(article, "submit") in html
    assert workflow_url(article, "publish") not in html


def test_editor_sees_return_publish_schedule_on_an_article_in_review(client, editor):
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    for action in ("return", "publish", "schedule"):
        assert workflow_url(article, action) in html
    assert workflow_url(article, "unpublish") not in html


def test_publish_button_reports_success_and_shows_the_approver(client, editor):
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    response = client.post(workflow_url(article, "publish"), step_data(article), follow=True)
    html = response.content.decode()
    assert f"Đã đăng “{article.title}”" in html
    # The workflow's record names the approver in Vietnamese order, not by account.
    record = re.search(r'<dl class="workflow-record">.*?</dl>', html, re.S).group()
    assert "<dt>Người duyệt</dt><dd>Nguyễn Văn An</dd>" in record
    assert "<dt>Trạng thái</dt>" in record
    assert "bientap" not in record


def test_publish_button_explains_what_is_missing(client, editor):
    article = ArticleFactory(lead="")
    client.force_login(editor)
    response = client.post(workflow_url(article, "publish"), step_data(article), follow=True)
    assert "Chưa đăng được: bài còn thiếu sapo." in response.content.decode()


def test_schedule_form_refuses_a_past_time_in_vietnamese(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.post(
        workflow_url(article, "schedule"),
        {"version": article.version, "published_at_0": "01/01/2020", "published_at_1": "08:00"},
    )
    assert response.status_code == 200
    assert "phải ở tương lai" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_schedule_form_has_breadcrumbs_and_loads_the_date_widgets_once(client, editor):
    article = ArticleFactory(title="Bài chờ lên lịch")
    client.force_login(editor)
    html = client.get(workflow_url(article, "schedule")).content.decode()
    assert "Bài chờ lên lịch" in html.split('class="breadcrumbs"')[1].split("</div>")[0]
    assert html.count("DateTimeShortcuts.js") == 1
    assert html.count("/admin/jsi18n/") == 1


def test_schedule_reads_day_first(client, editor, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 1, tzinfo=dt.UTC), tick=False)
    article = ArticleFactory()
    client.force_login(editor)
    client.post(
        workflow_url(article, "schedule"),
        {"version": article.version, "published_at_0": "05/12/2026", "published_at_1": "07:30"},
    )
    article.refresh_from_db()
    assert timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M") == "05/12/2026 07:30"


def test_return_form_needs_a_note_and_shows_it_to_the_reporter(client, editor, reporter):
    article = ArticleFactory(created_by=reporter, in_review=True)
    client.force_login(editor)
    response = client.post(
        workflow_url(article, "return"), {"version": article.version, "note": ""}
    )
    assert "Hãy ghi ý kiến" in response.content.decode()
    client.post(
        workflow_url(article, "return"),
        {"version": article.version, "note": "Kiểm tra lại chức danh."},
    )
    client.force_login(reporter)
    html = client.get(change_url(article)).content.decode()
    assert "Kiểm tra lại chức danh." in html


def test_bulk_publish_reports_each_refusal(client, editor):
    ready = ArticleFactory(in_review=True)
    incomplete = ArticleFactory(in_review=True, lead="")
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        bulk_data("publish_selected", ready, incomplete),
        follow=True,
    )
    html = response.content.decode()
    assert "Đăng ngay: 1 bài." in html
    assert "thiếu sapo" in html
    ready.refresh_from_db()
    assert ready.status == Status.PUBLISHED


# --- The list -------------------------------------------------------------------------


def test_reporter_list_defaults_to_my_articles(client, reporter, other_reporter):
    ArticleFactory(created_by=reporter, title="Bài của tôi viết")
    ArticleFactory(created_by=other_reporter, title="Bài người khác đã đăng", published=True)
    ArticleFactory(created_by=other_reporter, title="Nháp người khác")
    client.force_login(reporter)
    html = client.get(CHANGELIST).content.decode()
    assert "Bài của tôi viết" in html
    assert "Bài người khác đã đăng" not in html
    html = client.get(CHANGELIST + "?cua=tat-ca").content.decode()
    assert "Bài người khác đã đăng" in html
    assert "Nháp người khác" not in html


def test_editor_list_shows_everything_by_default(client, editor, reporter):
    ArticleFactory(created_by=reporter, title="Nháp của phóng viên")
    client.force_login(editor)
    assert "Nháp của phóng viên" in client.get(CHANGELIST).content.decode()


def test_list_search_ignores_diacritics(client, editor):
    ArticleFactory(title="Công an Thanh Hoá họp báo")
    ArticleFactory(title="Công an Nghệ An ra quân")
    client.force_login(editor)
    html = client.get(CHANGELIST, {"q": "thanh hoa"}).content.decode()
    assert "Công an Thanh Hoá họp báo" in html
    assert "Công an Nghệ An ra quân" not in html


def test_list_search_finds_an_article_by_its_byline(client, editor):
    article = ArticleFactory(title="Hội nghị sơ kết", authors=[AuthorFactory(name="Xuân Bắc")])
    ArticleFactory(title="Tin khác")
    Article.objects.filter(pk=article.pk).refresh_search_documents()
    client.force_login(editor)
    html = client.get(CHANGELIST, {"q": "xuan bac"}).content.decode()
    assert "Hội nghị sơ kết" in html
    assert "Tin khác" not in html


def test_list_filters_by_state(client, editor):
    ArticleFactory(title="Bài đã lên lịch", scheduled=True)
    ArticleFactory(title="Bài đang hiện", published=True)
    client.force_login(editor)
    html = client.get(CHANGELIST, {"trang-thai": "len-lich"}).content.decode()
    assert "Bài đã lên lịch" in html
    assert "Bài đang hiện" not in html


def test_list_shows_state_and_bylines_in_fixed_queries(client, editor, django_assert_num_queries):
    client.force_login(editor)
    ArticleFactory(authors=[AuthorFactory()], tags=[TagFactory()])
    client.get(CHANGELIST)  # warm up session and content types
    baseline = count_queries(lambda: client.get(CHANGELIST))
    for _ in range(10):
        ArticleFactory(authors=[AuthorFactory(), AuthorFactory()], tags=[TagFactory()])
    with django_assert_num_queries(baseline):
        response = client.get(CHANGELIST)
    assert "Bản nháp" in response.content.decode()


def test_tag_and_author_admins_search_without_diacritics(client, editor):
    TagFactory(name="Ma tuý")
    AuthorFactory(name="Xuân Bắc")
    client.force_login(editor)
    assert "Ma tuý" in client.get("/admin/articles/tag/", {"q": "ma tuy"}).content.decode()
    assert "Xuân Bắc" in client.get("/admin/articles/author/", {"q": "xuan bac"}).content.decode()


def test_authorship_is_kept_when_an_author_is_removed_from_nothing(editor):
    # Authors with bylines are protected: a byline never silently disappears.
    from django.db.models import ProtectedError

    author = AuthorFactory()
    ArticleFactory(authors=[author])
    with pytest.raises(ProtectedError):
        author.delete()
    assert Authorship.objects.count() == 1


def test_change_form_shows_links_and_workflow_names_without_queries_of_their_own(
    client, editor, django_assert_num_queries
):
    """The pickers' chosen options (tags, units, clusters, officials, events, the cover)
    and the workflow record's names come with the article: a linked article costs the
    queries of a bare one."""
    from tests.clusters.factories import (
        ClusterFactory,
        EventFactory,
        OfficialFactory,
        UnitFactory,
    )

    client.force_login(editor)
    bare = ArticleFactory(authors=[AuthorFactory()])
    client.get(change_url(bare))  # warm up session and content types
    baseline = count_queries(lambda: client.get(change_url(bare)))
    linked = ArticleFactory(
        authors=[AuthorFactory()],
        tags=[TagFactory(), TagFactory()],
        created_by=editor,
        updated_by=editor,
        approved_by=editor,
    )
    linked.units.add(UnitFactory(), UnitFactory())
    linked.clusters.add(ClusterFactory())
    linked.officials.add(OfficialFactory())
    event = EventFactory()
    linked.events.add(event)
    with django_assert_num_queries(baseline):
        response = client.get(change_url(linked))
    page = response.content.decode()
    for tag in linked.tags.all():
        assert f'<option value="{tag.pk}" selected>{tag.name}</option>' in page
    assert f'<option value="{event.pk}" selected>{event}</option>' in page


def test_change_form_adds_an_empty_byline_row_only_to_an_unsigned_article(client, editor):
    client.force_login(editor)
    signed = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
    page = client.get(change_url(signed)).content.decode()
    assert 'name="authorships-TOTAL_FORMS" value="2"' in page
    assert 'name="authorships-INITIAL_FORMS" value="2"' in page
    assert "authorships-2-author" not in page
    # The "add another" row is still there to copy.
    assert 'id="id_authorships-__prefix__-author"' in page
    unsigned = ArticleFactory()
    page = client.get(change_url(unsigned)).content.decode()
    assert 'name="authorships-TOTAL_FORMS" value="1"' in page
    assert 'name="authorships-INITIAL_FORMS" value="0"' in page


def test_byline_template_row_is_built_once_and_chooses_nobody(client, editor, rf):
    """The inline's "add another" row is one form however often the admin asks for it,
    and its picker holds no option (no look-up of a chosen author: nobody is chosen)."""
    from django.contrib import admin

    client.force_login(editor)
    signed = ArticleFactory(authors=[AuthorFactory()])
    page = client.get(change_url(signed)).content.decode()
    empty_row = re.search(r'<select name="authorships-__prefix__-author".*?</select>', page, re.S)
    assert empty_row is not None
    assert "<option" not in empty_row.group(0)
    request = rf.get(change_url(signed))
    request.user = editor
    article_admin = admin.site._registry[Article]
    inline = article_admin.get_inline_instances(request, signed)[0]
    formset = inline.get_formset(request, signed)(instance=signed)
    assert formset.empty_form is formset.empty_form
    assert formset.empty_form.prefix == "authorships-__prefix__"


def test_change_form_queries_do_not_grow_with_bylines(client, editor, django_assert_num_queries):
    client.force_login(editor)
    one = ArticleFactory(authors=[AuthorFactory()])
    client.get(change_url(one))  # warm up session and content types
    baseline = count_queries(lambda: client.get(change_url(one)))
    twenty = ArticleFactory(authors=[AuthorFactory() for _ in range(20)])
    with django_assert_num_queries(baseline):
        response = client.get(change_url(twenty))
    page = response.content.decode()
    for authorship in twenty.authorships.select_related("author"):
        author = authorship.author
        assert f'<option value="{author.pk}" selected>{author.name}</option>' in page


def test_add_and_change_forms_make_the_same_queries_with_1_and_100_rows(client, editor):
    """Every picker and choice list of the article form costs the same however many
    sections, authors, tags, units, clusters, officials and events exist and are linked."""
    from tests.clusters.factories import (
        ClusterFactory,
        EventFactory,
        OfficialFactory,
        UnitFactory,
    )

    factories = {
        "tags": TagFactory,
        "units": UnitFactory,
        "clusters": ClusterFactory,
        "officials": OfficialFactory,
        "events": EventFactory,
    }
    article = ArticleFactory(authors=[AuthorFactory()])

    def add(count):
        for _ in range(count):
            SectionFactory()
            AuthorFactory()
            for name, factory in factories.items():
                getattr(article, name).add(factory())

    add(1)
    client.force_login(editor)
    add_url = reverse("admin:articles_article_add")
    client.get(change_url(article))  # the session and content types, once
    one = (
        count_queries(lambda: client.get(add_url)),
        count_queries(lambda: client.get(change_url(article))),
    )
    add(99)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert article.officials.count() == 100
    hundred = (
        count_queries(lambda: client.get(add_url)),
        count_queries(lambda: client.get(change_url(article))),
    )
    assert hundred == one


def test_the_section_picker_reads_its_sections_in_one_plain_query(client, editor):
    """Not through a server-side cursor (on PostgreSQL: DECLARE, FETCH, CLOSE for a list
    of a few dozen rows), and in the sections' own order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    last = SectionFactory(name="Văn hoá", position=9)
    first = SectionFactory(name="An ninh", position=1)
    article = ArticleFactory(section=last)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(change_url(article)).content.decode()
    sections = [q["sql"] for q in queries if '"articles_section"' in q["sql"]]
    assert len(sections) == 1
    assert sections[0].startswith("SELECT")
    select = re.search(r'<select name="section".*?</select>', page, re.S).group()
    assert select.index(f'value="{first.pk}"') < select.index(f'value="{last.pk}"')
    assert f'<option value="{last.pk}" selected>Văn hoá</option>' in select


CHANGE_FORM_QUERIES = [
    "session",
    "user",
    "the user's permissions",
    "the user's groups' permissions",
    "the article with its cover and workflow names",
    "its bylines with their authors",
    "its tags",
    "its units",
    "its clusters",
    "its officials",
    "its events with their clusters",
    "the sections (the section picker)",
]


def test_change_form_query_budget(client, editor, django_assert_max_num_queries):
    """The change form of a signed, tagged, linked, published article: the session, the
    user and their permissions, the article once with its links and bylines, and the
    sections (a body with photos adds one query for them). No second bylines query, no
    visibility query for the article the form fetched."""
    from tests.clusters.factories import ClusterFactory, EventFactory, OfficialFactory, UnitFactory

    article = ArticleFactory(
        published=True,
        authors=[AuthorFactory(), AuthorFactory()],
        tags=[TagFactory()],
        created_by=editor,
    )
    article.units.add(UnitFactory())
    article.clusters.add(ClusterFactory())
    article.officials.add(OfficialFactory())
    article.events.add(EventFactory())
    client.force_login(editor)
    client.get(change_url(article))  # warm up content types and the session
    with django_assert_max_num_queries(len(CHANGE_FORM_QUERIES)):
        response = client.get(change_url(article))
    assert response.status_code == 200


def test_the_workflow_record_shows_each_step_with_names_in_vietnamese_order(
    client, editor, reporter
):
    article = ArticleFactory(created_by=reporter, updated_by=editor)
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() + dt.timedelta(days=2),
        submitted_at=timezone.now() - dt.timedelta(hours=3),
        review_note="Cần thêm <b>ảnh</b> hiện trường\nvà tên cán bộ",
    )
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    record = re.search(r'<dl class="workflow-record">.*?</dl>', html, re.S).group()
    steps = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", record, re.S))
    assert list(steps)[:3] == ["Trạng thái", "Thời điểm đăng", "Người tạo"]
    assert steps["Thời điểm đăng"].endswith("(đã lên lịch)")
    assert steps["Người tạo"] == f"{reporter.last_name} {reporter.first_name}".strip()
    assert steps["Người sửa cuối"] == "Nguyễn Văn An"
    note = "Cần thêm &lt;b&gt;ảnh&lt;/b&gt; hiện trường<br>và tên cán bộ"
    assert steps["Ý kiến biên tập"] == note
    assert "Người duyệt" not in steps  # not approved yet
    assert "state-chip" in steps["Trạng thái"]

"""The article form's faster renderer (newsroom.formrender): the same markup, cheaper."""

import itertools
import re

import pytest
from django.forms.renderers import DjangoTemplates

from newsroom.formrender import FastRenderer
from tests.articles.factories import ArticleFactory, AuthorFactory, TagFactory
from tests.editorial.article_form import change_url

pytestmark = pytest.mark.django_db


def _squeezed(html):
    """The markup without the whitespace between tags (Jinja2's templates lay out the
    options of a select on fewer lines), quotes escaped as Django escapes them
    (MarkupSafe writes the same characters as numeric references)."""
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return re.sub(r">\s+<", "><", html).strip()


def test_the_change_form_renders_its_forms_and_wrapped_widgets_with_the_fast_renderer(
    client, editor
):
    article = ArticleFactory(authors=[AuthorFactory()], tags=[TagFactory()])
    client.force_login(editor)
    response = client.get(change_url(article))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert isinstance(form.renderer, FastRenderer)
    (inline,) = response.context["inline_admin_formsets"]
    assert isinstance(inline.formset.renderer, FastRenderer)
    assert all(isinstance(f.renderer, FastRenderer) for f in inline.formset.forms)
    # The section and author pickers sit in the admin's "add / change" wrapper, whose
    # inner widget Django would render with the default renderer.
    assert isinstance(form.fields["section"].widget.widget.default_renderer, FastRenderer)


def change_form_forms(client, editor):
    """The forms an editor's change form renders: the article's, each byline row's and
    the empty row's, for an article with two bylines and a tag."""
    article = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()], tags=[TagFactory()])
    client.force_login(editor)
    response = client.get(change_url(article))
    (inline,) = response.context["inline_admin_formsets"]
    return [response.context["adminform"].form, *inline.formset.forms, inline.formset.empty_form]


def test_each_field_renders_as_django_default_renderer_renders_it(client, editor):
    forms = change_form_forms(client, editor)
    default = DjangoTemplates()
    for each in forms:
        for name in each.fields:
            fast = each[name]
            fast_html = str(fast) + str(fast.label_tag()) + str(fast.errors)
            each.renderer = default
            for field in each.fields.values():
                inner = getattr(field.widget, "widget", None)
                if inner is not None and hasattr(inner, "default_renderer"):
                    inner.default_renderer = default
            plain = each[name]
            plain_html = str(plain) + str(plain.label_tag()) + str(plain.errors)
            assert _squeezed(fast_html) == _squeezed(plain_html), name
            each.renderer = FastRenderer()
            for field in each.fields.values():
                inner = getattr(field.widget, "widget", None)
                if inner is not None and hasattr(inner, "default_renderer"):
                    inner.default_renderer = each.renderer


def test_an_error_list_with_errors_still_renders():
    from django.forms.utils import ErrorList

    errors = ErrorList(["Tiêu đề quá dài."], renderer=FastRenderer())
    assert str(errors) == '<ul class="errorlist"><li>Tiêu đề quá dài.</li></ul>'
    assert str(ErrorList([], renderer=FastRenderer())) == ""


def test_the_fieldsets_render_as_the_admin_template_renders_them(client, editor):
    """newsroom/jinja2/admin/includes/fieldset.html against Django's own, field by field:
    inputs, pickers, check boxes, read-only rows, help texts and an error."""
    from django.template.loader import render_to_string

    from editorial.templatetags.desk import fast_fieldset

    article = ArticleFactory(authors=[AuthorFactory()], tags=[TagFactory()], created_by=editor)
    client.force_login(editor)
    response = client.get(change_url(article))
    adminform = response.context["adminform"]
    form = adminform.form
    fieldsets = list(adminform)
    assert len(fieldsets) >= 3

    def same_as_django():
        for index, fieldset in enumerate(fieldsets):
            django = render_to_string(
                "admin/includes/fieldset.html",
                {
                    "fieldset": fieldset,
                    "heading_level": 2,
                    "prefix": "fieldset",
                    "id_prefix": 0,
                    "id_suffix": index,
                },
            )
            assert _squeezed(fast_fieldset(fieldset, index)) == _squeezed(django)

    same_as_django()  # as shown: unbound, no errors
    form.full_clean()  # an unbound form: no errors, nothing cleaned; one error by hand
    form.cleaned_data = {}
    form.add_error("title", "Tiêu đề quá dài.")
    same_as_django()
    assert "Tiêu đề quá dài." in fast_fieldset(fieldsets[0], 0)
    assert 'class="flex-container errors' in fast_fieldset(fieldsets[0], 0)


@pytest.mark.parametrize("last", [True, False])
def test_the_bylines_inline_renders_as_the_admin_template_renders_it(client, editor, last):
    from django.template.loader import render_to_string

    from editorial.templatetags.desk import fast_tabular

    article = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
    client.force_login(editor)
    response = client.get(change_url(article))
    (inline,) = response.context["inline_admin_formsets"]

    def same_as_django():
        django = render_to_string(
            "admin/edit_inline/tabular.html",
            {"inline_admin_formset": inline, "forloop": {"last": last}},
        )
        fast = fast_tabular(inline, last)
        assert _squeezed(fast) == _squeezed(django)
        return fast

    fast = same_as_django()
    assert 'id="authorships-empty"' in fast
    assert 'name="authorships-TOTAL_FORMS" value="2"' in fast
    # A byline row with an error (by hand: the form is unbound) shows it as Django does.
    row = inline.formset.forms[1]
    row.full_clean()
    row.cleaned_data = {}
    row.add_error("author", "Chọn tác giả.")
    assert "Chọn tác giả." in same_as_django()


def test_the_python_templates_are_the_jinja2_templates_character_for_character(
    client, editor, monkeypatch
):
    """Every widget and label of the change form (and of the bylines' rows and empty row)
    as written out in Python (``formrender.FAST``) is exactly what Jinja2 renders from
    Django's templates."""
    from newsroom import formrender

    assert {
        "django/forms/widgets/input.html",
        "django/forms/widgets/hidden.html",
        "django/forms/widgets/text.html",
        "django/forms/widgets/select.html",
        "django/forms/widgets/textarea.html",
        "django/forms/label.html",
        "admin/widgets/related_widget_wrapper.html",
    } <= set(formrender.FAST)
    forms = change_form_forms(client, editor)

    def rendered():
        return [
            (name, str(each[name]), str(each[name].label_tag()))
            for each in forms
            for name in each.fields
        ]

    fast = rendered()
    with monkeypatch.context() as patched:
        patched.setattr(formrender, "FAST", {})
        slow = rendered()
    assert len(fast) > 30
    for (name, *fast_html), (_, *slow_html) in zip(fast, slow, strict=True):
        assert fast_html == slow_html, name


@pytest.mark.parametrize(
    ("template", "context"),
    [
        (
            "django/forms/widgets/text.html",
            {
                "widget": {
                    "type": "text",
                    "name": 'ti"tle',
                    "value": "<b>Tôm & cá</b> 'x'",
                    "attrs": {"required": True, "disabled": False, "data-x": 3, "id": "id_t"},
                }
            },
        ),
        (
            "django/forms/widgets/hidden.html",
            {"widget": {"type": "hidden", "name": "v", "value": None, "attrs": {}}},
        ),
        (
            "django/forms/widgets/textarea.html",
            {"widget": {"name": "b", "value": "", "attrs": {"rows": "3"}}},
        ),
        (
            "django/forms/widgets/textarea.html",
            {"widget": {"name": "b", "value": "a\n<p>&</p>", "attrs": {}}},
        ),
        (
            "django/forms/widgets/select.html",
            {
                "widget": {
                    "name": "s",
                    "attrs": {"multiple": True},
                    "optgroups": [
                        (
                            None,
                            [
                                {
                                    "value": "",
                                    "label": "---",
                                    "attrs": {},
                                    "template_name": "django/forms/widgets/select_option.html",
                                }
                            ],
                            0,
                        ),
                        (
                            "Nhóm <1>",
                            [
                                {
                                    "value": 7,
                                    "label": 'Bảy & "tám"',
                                    "attrs": {"selected": True},
                                    "template_name": "django/forms/widgets/select_option.html",
                                }
                            ],
                            1,
                        ),
                    ],
                }
            },
        ),
        (
            "django/forms/label.html",
            {"use_tag": True, "tag": "label", "attrs": {"for": "id_x"}, "label": "Tiêu <đề>"},
        ),
        ("django/forms/label.html", {"use_tag": True, "tag": "legend", "attrs": {}, "label": "L"}),
        ("django/forms/label.html", {"use_tag": False, "tag": "label", "attrs": {}, "label": "L&"}),
    ],
)
def test_each_python_template_renders_as_its_jinja2_template(template, context, monkeypatch):
    from newsroom import formrender

    renderer = FastRenderer()
    fast = renderer.render(template, context)
    monkeypatch.setattr(formrender, "FAST", {})
    assert fast == renderer.render(template, context)


WRAPPER_FLAGS = ("can_add_related", "can_change_related", "can_delete_related", "can_view_related")


@pytest.mark.parametrize("hidden", [False, True])
@pytest.mark.parametrize("limited", [False, True])
@pytest.mark.parametrize("allowed", list(itertools.product([True, False], repeat=4)))
def test_the_pickers_links_render_as_their_jinja2_template(allowed, limited, hidden, monkeypatch):
    """Every combination of the "add / change / delete / view" links, escaping included."""
    from django.utils.safestring import mark_safe

    from newsroom import formrender

    context = {
        "rendered_widget": mark_safe('<select name="cover"></select>'),
        "is_hidden": hidden,
        "name": "cover",
        "url_params": "_to_field=id&_popup=1&_source_model=articles.article",
        "model": "ảnh <đại diện> & “bìa”",
        "model_name": "photo",
        "model_has_limit_choices_to": {"is_public": True} if limited else None,
        "add_related_url": "/admin/photos/photo/add/",
        "delete_related_template_url": "/admin/photos/photo/__fk__/delete/",
        "change_related_template_url": "/admin/photos/photo/__fk__/change/",
        "view_related_url_params": "_to_field=id",
        **dict(zip(WRAPPER_FLAGS, allowed, strict=True)),
    }
    template = "admin/widgets/related_widget_wrapper.html"
    renderer = FastRenderer()
    fast = renderer.render(template, context)
    monkeypatch.setattr(formrender, "FAST", {})
    assert fast == renderer.render(template, context)


def test_the_pickers_link_titles_follow_the_language():
    from django.utils import translation

    from newsroom import formrender

    context = {
        "rendered_widget": "",
        "is_hidden": False,
        "name": "section",
        "url_params": "_popup=1",
        "model": "chuyên mục",
        "model_name": "section",
        "model_has_limit_choices_to": None,
        "add_related_url": "/add/",
        **dict.fromkeys(WRAPPER_FLAGS[1:], False),
        "can_add_related": True,
    }
    assert 'title="Thêm chuyên mục khác"' in formrender._related_wrapper(context)
    with translation.override("en"):
        assert 'title="Add another chuyên mục"' in formrender._related_wrapper(context)


def test_the_forms_media_render_as_django_renders_them_with_each_requests_nonce():
    from django.forms import Media

    from newsroom.formrender import ConstantMedia

    media = Media(
        js=["admin/js/core.js", "admin/js/inlines.js"], css={"all": ["css/editorial-admin.css"]}
    ) + Media(js=["admin/js/core.js", "django_ckeditor_5/dist/bundle.js"])
    constant = ConstantMedia.of(media)
    assert str(constant) == str(media)
    for nonce in ["abc", "x&y", "abc"]:
        assert constant.render(attrs={"nonce": nonce}) == media.render(attrs={"nonce": nonce})
    assert 'nonce="x&amp;y"' in constant.render(attrs={"nonce": "x&y"})
    attrs = {"nonce": "n", "defer": True}
    assert constant.render(attrs=attrs) == media.render(attrs=attrs)


def test_the_change_form_shows_its_media_with_the_pages_nonce(client, editor):
    article = ArticleFactory(authors=[AuthorFactory()])
    client.force_login(editor)
    pages = [client.get(change_url(article)) for _ in range(2)]
    nonces = [re.search(r'<script src="[^"]*core\.js" nonce="([^"]+)"', p.text) for p in pages]
    assert all(nonces)
    assert nonces[0].group(1) != nonces[1].group(1)
    for page, nonce in zip(pages, nonces, strict=True):
        assert f"'nonce-{nonce.group(1)}'" in page.headers.get(
            "Content-Security-Policy", page.headers.get("Content-Security-Policy-Report-Only", "")
        )


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"id": "id_expires_at"}),
        ("2026-01-02 03:04:05", {"id": "id_expires_at", "data-x": "a'b\"<c>&", "hidden": True}),
        (None, {"disabled": False}),
    ],
)
def test_the_split_date_and_time_renders_as_its_django_template_renders_it(
    value, attrs, monkeypatch
):
    import datetime

    from django.contrib.admin.widgets import AdminSplitDateTime

    from newsroom import formrender

    assert "admin/widgets/split_datetime.html" in formrender.FAST
    if value:
        value = datetime.datetime.fromisoformat(value)
    widget = AdminSplitDateTime()
    fast = widget.render("expires_at", value, attrs, renderer=FastRenderer())
    django = widget.render("expires_at", value, attrs, renderer=DjangoTemplates())
    assert fast == django
    monkeypatch.setattr(formrender, "FAST", {})
    assert fast == widget.render("expires_at", value, attrs, renderer=FastRenderer())


@pytest.mark.parametrize("fast", [True, False])
def test_escaping_is_markupsafes(fast, monkeypatch):
    from django.utils.functional import lazy
    from django.utils.safestring import mark_safe
    from markupsafe import Markup, escape

    from newsroom import formrender

    if not fast:
        monkeypatch.setattr(formrender, "_escape_inner", None)
    values = [
        "Trọng Tuấn",
        "<b>Tôm & cá</b> \"x\" 'y'",
        "",
        mark_safe("<em>đã an toàn</em>"),
        Markup("<i>&amp;</i>"),
        7,
        lazy(lambda: "Công an <tỉnh>", str)(),
    ]
    for value in values:
        assert formrender._e(value) == str(escape(value))

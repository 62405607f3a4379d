"""The article form's media, merged once per list of widget classes, is Django's."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from articles.models import Article
from newsroom.admin import PreloadedChoicesForm
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def django_media(form):
    return forms.ModelForm.media.fget(form)


def test_the_article_forms_media_is_djangos(editor):
    article = ArticleFactory(created_by=editor)
    request = RequestFactory().get("/")
    request.user = editor
    model_admin = admin.site.get_model_admin(Article)
    form_class = model_admin.get_form(request, article, change=True)
    first, second = form_class(instance=article), form_class(instance=article)
    assert isinstance(first, PreloadedChoicesForm)
    assert str(first.media) == str(django_media(first))
    assert "django_ckeditor_5/dist/bundle.js" in str(first.media)
    assert "admin/js/vendor/select2/i18n/vi.js" in str(first.media)
    assert second.media is first.media


class Plain(PreloadedChoicesForm):
    class Meta:
        model = Article
        fields = ["title"]


class Dated(PreloadedChoicesForm):
    class Meta:
        model = Article
        fields = ["title", "expires_at"]
        widgets = {"expires_at": admin.widgets.AdminSplitDateTime}


def test_forms_with_other_widgets_get_their_own_media():
    plain, dated = Plain(), Dated()
    assert str(plain.media) == str(django_media(plain)) == ""
    assert str(dated.media) == str(django_media(dated))
    assert "calendar.js" in str(dated.media) or "DateTimeShortcuts" in str(dated.media)


class OwnMedia(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title"]

    class Media:
        js = ["js/form-own.js"]


def test_a_form_whose_base_has_its_own_media_keeps_them():
    """As the admin mixes the preloading form into an inline's own form class."""
    from newsroom import admin as newsroom_admin

    newsroom_admin._MERGED_MEDIA.clear()  # the mixed form's widgets merged first
    mixed = type("Mixed", (PreloadedChoicesForm, OwnMedia), {})
    assert '<script src="/static/js/form-own.js"></script>' in str(mixed().media)
    assert str(Plain().media) == ""  # same widgets, no media of its own


@pytest.mark.parametrize("bylines", [0, 3])
def test_the_bylines_inline_media_is_djangos(client, editor, bylines):
    """The change form's inline media (merged once: ``OneFormClassInlineAdminFormSet``)
    are those Django's ``InlineAdminFormSet`` merges row by row."""
    from django.contrib.admin.helpers import InlineAdminFormSet

    from newsroom.admin import OneFormClassInlineAdminFormSet
    from tests.articles.factories import AuthorFactory
    from tests.editorial.article_form import change_url

    article = ArticleFactory(authors=[AuthorFactory() for _ in range(bylines)])
    client.force_login(editor)
    response = client.get(change_url(article))
    (inline,) = response.context["inline_admin_formsets"]
    assert type(inline) is OneFormClassInlineAdminFormSet
    assert len(inline.formset.forms) == max(bylines, 1)
    ours = str(inline.media)
    assert ours == str(InlineAdminFormSet.media.fget(inline))
    assert "admin/js/inlines.js" in ours and "autocomplete.js" in ours
    assert all(line in str(response.context["media"]) for line in ours.splitlines())

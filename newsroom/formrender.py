"""A faster renderer for the desk's large forms (the article change form: issue 13).

Django renders every widget, label and (empty) error list of a form through its own
template language: on the article form that is some hundred and fifty small template
renders per request, most of its CPU. ``FastRenderer`` renders Django's form templates
(``django/forms/...``) with their Jinja2 versions, which Django ships with the same
markup (its own widget tests hold both to the same HTML); any other template (the
admin's widget wrappers, a project template) is rendered as Django's default renderer
renders it, but for three admin templates the form repeats, ported to Jinja2 in
``newsroom/jinja2`` (the fieldset, the tabular inline and the "add / change" links
around a picker).
``render_with`` hands it to a form class, including the widgets the admin wraps in
those links, whose inner widget Django renders with the default renderer otherwise.
"""

from functools import cached_property
from pathlib import Path

import django.forms
import jinja2
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms.renderers import DjangoTemplates
from django.template.backends.jinja2 import Jinja2 as Jinja2Backend
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext
from markupsafe import Markup

# Django's form templates, which it ships for Jinja2 too.
FORM_TEMPLATES = "django/forms/"
# The admin's templates ported here (newsroom/jinja2/admin/...), kept to Django 6.1's markup.
PORTED = {
    "admin/edit_inline/tabular.html",
    "admin/includes/fieldset.html",
    "admin/widgets/related_widget_wrapper.html",
}


def translate(message, **values):
    """``{% blocktranslate %}`` as the ported templates need it: the message translated,
    the values escaped into it."""
    # The catalogue's message is trusted markup, as blocktranslate trusts it.
    return Markup(gettext(message)) % values  # noqa: S704


def change_url(opts, pk):
    """``{% url opts|admin_urlname:'change' pk|admin_urlquote %}``."""
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])


def environment(**options):
    env = jinja2.Environment(**options)  # noqa: S701 (Django's backend turns autoescape on)
    env.globals.update(static=static, translate=translate, change_url=change_url)
    env.filters.update(capfirst=capfirst, django_striptags=strip_tags, cell_count=cell_count)
    return env


class FastRenderer(DjangoTemplates):
    @cached_property
    def jinja2(self):
        return Jinja2Backend(
            {
                "APP_DIRS": False,
                "DIRS": [
                    Path(django.forms.__file__).parent / "jinja2",
                    Path(__file__).parent / "jinja2",
                ],
                "NAME": "deskforms",
                "OPTIONS": {"environment": "newsroom.formrender.environment"},
            }
        )

    def get_template(self, template_name):
        if template_name.startswith(FORM_TEMPLATES) or template_name in PORTED:
            return self.jinja2.get_template(template_name)
        return super().get_template(template_name)

    def render(self, template_name, context, request=None):
        if template_name.startswith("django/forms/errors/list/") and not context.get("errors"):
            return ""  # a field without errors (nearly every field, on every form shown)
        return super().render(template_name, context, request)


RENDERER = FastRenderer()


class _RendersWith:
    """Mixed into a wrapped widget's class: renders with ``default_renderer`` when the
    caller (the admin's wrapper) names no renderer."""

    default_renderer = None

    def _render(self, template_name, context, renderer=None):
        return super()._render(template_name, context, renderer or self.default_renderer)


_MIXED = {}


def _renders_with(widget, renderer):
    cls = type(widget)
    if not isinstance(widget, _RendersWith):
        if cls not in _MIXED:
            _MIXED[cls] = type(cls.__name__, (_RendersWith, cls), {})
        widget.__class__ = _MIXED[cls]
    widget.default_renderer = renderer


def render_with(form_class, renderer=RENDERER):
    """``form_class`` (and its wrapped widgets) rendered by ``renderer``; returns it."""
    form_class.default_renderer = renderer
    for field in form_class.base_fields.values():
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            _renders_with(field.widget.widget, renderer)
    return form_class

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

The form's commonest small templates (inputs, selects and their options, the textarea,
labels) are written out in Python (``FAST``): the same characters as the Jinja2
templates, which are checked at start-up to be the ones these functions were written
from (a Django upgrade that changes one sends it back to Jinja2). So are the picker's
"add / change" links, character for character as their Jinja2 port renders them (its
tests try every combination of links), with their titles translated once per language
and model. The static icons' addresses are per-process constants, computed once.
"""

from functools import cache, cached_property
from pathlib import Path

import django.contrib.admin
import django.forms
import jinja2
from django.contrib.admin.templatetags.admin_modify import cell_count
from django.contrib.admin.utils import quote
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms import Media
from django.forms.renderers import DjangoTemplates
from django.template.backends.jinja2 import Jinja2 as Jinja2Backend
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from markupsafe import Markup, escape

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


@cache
def _static(path):
    return static(path)


def environment(**options):
    env = jinja2.Environment(**options)  # noqa: S701 (Django's backend turns autoescape on)
    # A static file's address is fixed for the life of the process (the manifest).
    env.globals.update(static=_static, translate=translate, change_url=change_url)
    env.filters.update(capfirst=capfirst, django_striptags=strip_tags, cell_count=cell_count)
    return env


# --- Django's small form templates, in Python -------------------------------------------

DJANGO_JINJA2 = Path(django.forms.__file__).parent / "jinja2"
_ATTRS = (
    "{% for name, value in {attrs}.items() %}{% if value is not sameas False %} {{ name }}"
    '{% if value is not sameas True %}="{{ value }}"{% endif %}{% endif %}{% endfor %}\n'
)
# The templates the functions below were written from, as Django 6.1 ships them.
SOURCES = {
    "django/forms/attrs.html": _ATTRS.replace("{attrs}", "attrs"),
    "django/forms/widgets/attrs.html": _ATTRS.replace("{attrs}", "widget.attrs"),
    "django/forms/widgets/input.html": (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        'value="{{ widget.value }}"{% endif %}{% include "django/forms/widgets/attrs.html" %}>\n'
    ),
    "django/forms/widgets/select.html": (
        '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
        "{% for group_name, group_choices, group_index in widget.optgroups %}"
        '{% if group_name %}\n  <optgroup label="{{ group_name }}">{% endif %}'
        "{% for widget in group_choices %}\n  {% include widget.template_name %}{% endfor %}"
        "{% if group_name %}\n  </optgroup>{% endif %}{% endfor %}\n</select>\n"
    ),
    "django/forms/widgets/select_option.html": (
        '<option value="{{ widget.value }}"{% include "django/forms/widgets/attrs.html" %}>'
        "{{ widget.label }}</option>\n"
    ),
    "django/forms/widgets/textarea.html": (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    ),
    "django/forms/label.html": (
        "{% if use_tag %}<{{ tag }}{% if attrs %}{% include 'django/forms/attrs.html' %}"
        "{% endif %}>{{ label }}</{{ tag }}>{% else %}{{ label }}{% endif %}\n"
    ),
}
INCLUDES_INPUT = '{% include "django/forms/widgets/input.html" %}\n'
OPTION = "django/forms/widgets/select_option.html"
DJANGO_TEMPLATES = Path(django.forms.__file__).parent / "templates"
ADMIN_TEMPLATES = Path(django.contrib.admin.__file__).parent / "templates"
# Django's own templates the split date and time is written from.
DTL_SOURCES = {
    ADMIN_TEMPLATES / "admin/widgets/split_datetime.html": (
        '<p class="datetime">\n'
        '  <label {% if widget.attrs.id %}for="{{ widget.subwidgets.0.attrs.id }}"{% endif %}>'
        "{{ date_label }}</label> {% with widget=widget.subwidgets.0 %}"
        "{% include widget.template_name %}{% endwith %}<br>\n"
        '  <label {% if widget.attrs.id %}for="{{ widget.subwidgets.1.attrs.id }}"{% endif %}>'
        "{{ time_label }}</label> {% with widget=widget.subwidgets.1 %}"
        "{% include widget.template_name %}{% endwith %}\n</p>\n"
    ),
    DJANGO_TEMPLATES / "django/forms/widgets/date.html": INCLUDES_INPUT,
    DJANGO_TEMPLATES / "django/forms/widgets/time.html": INCLUDES_INPUT,
    DJANGO_TEMPLATES / "django/forms/widgets/input.html": (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>\n'
    ),
    DJANGO_TEMPLATES / "django/forms/widgets/attrs.html": (
        "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
        "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
        "{% endfor %}"
    ),
}
SPLIT_PARTS = ("django/forms/widgets/date.html", "django/forms/widgets/time.html")


try:  # MarkupSafe's C escaping of a plain string, without making a Markup of it
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover (a MarkupSafe without it: escape() as usual)
    _escape_inner = None


def _e(value):
    """``escape(value)`` as a string; a plain string (most attribute names and values,
    a thousand a page) goes straight to MarkupSafe's C escaping."""
    if type(value) is str and _escape_inner is not None:
        return _escape_inner(value)
    return str(escape(value))


def _attrs(attrs):
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context):
    widget = context["widget"]
    value = widget["value"]
    shown = "" if value is None else f' value="{_e(value)}"'
    attrs = _attrs(widget["attrs"])
    return f'<input type="{_e(widget["type"])}" name="{_e(widget["name"])}"{shown}{attrs}>'


def _option(option):
    attrs = _attrs(option["attrs"])
    return f'<option value="{_e(option["value"])}"{attrs}>{_e(option["label"])}</option>'


def _select(context):
    widget = context["widget"]
    parts = [f'<select name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_e(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None  # another option template: Jinja2 renders the select
            parts.append(f"\n  {_option(option)}")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(context):
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{_e(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_e(value) if value else ''}</textarea>"
    )


def _label(context):
    if not context["use_tag"]:
        return _e(context["label"])
    tag, attrs = _e(context["tag"]), context["attrs"]
    return f"<{tag}{_attrs(attrs) if attrs else ''}>{_e(context['label'])}</{tag}>"


_TITLES = {}
# The picker's links: (context flag, class and id prefix, address key, parameters key,
# title, icon, whether it opens a popup).
_LINKS = (
    (
        "can_change_related",
        "change",
        "change_related_template_url",
        "url_params",
        "Change selected %(model)s",
        "admin/img/icon-changelink.svg",
        True,
    ),
    (
        "can_add_related",
        "add",
        "add_related_url",
        "url_params",
        "Add another %(model)s",
        "admin/img/icon-addlink.svg",
        True,
    ),
    (
        "can_delete_related",
        "delete",
        "delete_related_template_url",
        "url_params",
        "Delete selected %(model)s",
        "admin/img/icon-deletelink.svg",
        True,
    ),
    (
        "can_view_related",
        "view",
        "change_related_template_url",
        "view_related_url_params",
        "View selected %(model)s",
        "admin/img/icon-viewlink.svg",
        False,
    ),
)


def _title(message, model, language):
    """A link's title, translated once per process for each language and model."""
    key = (language, message, str(model))
    title = _TITLES.get(key)
    if title is None:
        title = _TITLES[key] = translate(message, model=model)
    return title


def _related_wrapper(context):
    """The admin's "add / change" links around a picker, as the Jinja2 port of
    ``admin/widgets/related_widget_wrapper.html`` renders them: a page shows ten, each
    with up to four translated titles."""
    name = _e(context["name"])
    reference = (
        ""
        if context["model_has_limit_choices_to"]
        else f'data-model-ref="{_e(context["model_name"])}"'
    )
    widget = _e(context["rendered_widget"])
    parts = [f'<div class="related-widget-wrapper" {reference}>\n    {widget}\n    ']
    if not context["is_hidden"]:
        language = get_language()
        for flag, kind, url, params, message, icon, popup in _LINKS:
            if not context[flag]:
                continue
            attribute = "href" if kind == "add" else "data-href-template"
            indent = "            " if popup else "             "
            address = f'{attribute}="{_e(context[url])}?{_e(context[params])}"'
            parts.append(
                f'<a class="related-widget-wrapper-link {kind}-related" id="{kind}_id_{name}"\n'
                + (
                    f'{indent}data-popup="yes"\n{indent}{address}\n'
                    if kind == "add"
                    else f"{indent}{address}\n" + (f'{indent}data-popup="yes"\n' if popup else "")
                )
                + f'{indent}title="{_e(_title(message, context["model"], language))}">'
                f'<img src="{_e(_static(icon))}" alt="" width="24" height="24"></a>'
            )
    parts.append("\n</div>")
    return "".join(parts)


def _dtl_attrs(attrs):
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _dtl_input(widget):
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    attrs = _dtl_attrs(widget["attrs"])
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{attrs}>'


def _split_datetime(context):
    """The admin's date and time fields (``admin/widgets/split_datetime.html``), as its
    Django template renders them (Django's escaping, its line breaks)."""
    widget = context["widget"]
    date, time = widget["subwidgets"]
    if (date["template_name"], time["template_name"]) != SPLIT_PARTS:
        return None

    def label(part, text):
        target = (
            f'for="{conditional_escape(part["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
        )
        return f"<label {target}>{conditional_escape(text)}</label>"

    return (
        f'<p class="datetime">\n  {label(date, context["date_label"])} {_dtl_input(date)}\n\n<br>\n'
        f"  {label(time, context['time_label'])} {_dtl_input(time)}\n\n\n</p>"
    )


def _read(path):
    try:
        return path.read_text()
    except OSError:
        return None


def _fast_templates():
    """Template name -> function, for the templates whose source is the one expected."""

    if any(_read(DJANGO_JINJA2 / name) != text for name, text in SOURCES.items()):
        return {}
    fast = {
        "django/forms/widgets/input.html": _input,
        "django/forms/widgets/select.html": _select,
        "django/forms/widgets/textarea.html": _textarea,
        "django/forms/label.html": _label,
        "admin/widgets/related_widget_wrapper.html": _related_wrapper,
    }
    if all(_read(path) == text for path, text in DTL_SOURCES.items()):
        fast["admin/widgets/split_datetime.html"] = _split_datetime
    # The input types whose template only includes input.html (text, hidden, number...).
    for path in sorted((DJANGO_JINJA2 / "django/forms/widgets").glob("*.html")):
        if path.read_text() == INCLUDES_INPUT:
            fast[f"django/forms/widgets/{path.name}"] = _input
    return fast


FAST = _fast_templates()


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
        fast = FAST.get(template_name)
        if fast is not None:
            try:
                html = fast(context)
            except KeyError:  # a context these functions were not written for
                html = None
            if html is not None:
                return html
        return super().render(template_name, context, request)


RENDERER = FastRenderer()


class _RendersWith:
    """Mixed into a wrapped widget's class: renders with ``default_renderer`` when the
    caller (the admin's wrapper) names no renderer."""

    default_renderer = None

    def _render(self, template_name, context, renderer=None):
        return super()._render(template_name, context, renderer or self.default_renderer)


NONCE = "n0nce5tandin"


class ConstantMedia(Media):
    """A form's media whose HTML is computed once per process for each set of files: the
    addresses of static files are fixed for the life of the process (the manifest)."""

    rendered = {}
    LIMIT = 64

    @classmethod
    def of(cls, media):
        constant = cls()
        constant._css_lists, constant._js_lists = media._css_lists, media._js_lists
        return constant

    def render(self, *, attrs=None):
        # The page's CSP nonce (the admin renders its media with one): the same HTML with
        # each request's nonce put in place of a stand-in.
        nonce = None
        if attrs and attrs.keys() == {"nonce"}:
            nonce, attrs = str(escape(attrs["nonce"])), {"nonce": NONCE}
        try:
            key = (
                tuple(tuple(js) for js in self._js_lists),
                tuple(tuple((m, tuple(p)) for m, p in css.items()) for css in self._css_lists),
                attrs and tuple(sorted(attrs.items())),
            )
            html = self.rendered.get(key)
        except TypeError:  # an asset or attribute that cannot be a key: as Django does
            html, key = None, None
        if html is None:
            html = super().render(attrs=attrs)
            if key is not None:
                if len(self.rendered) >= self.LIMIT:
                    self.rendered.clear()
                self.rendered[key] = html
        if nonce is not None:
            html = mark_safe(html.replace(NONCE, nonce))  # noqa: S308 (escaped above)
        return html


_MIXED = {}
_WRAPPERS = {}
_URLS = {}


def constant_reverse(viewname, args=(), current_app=None):
    """``reverse`` for an address that is the same on every request of the process (an
    admin page's, or one with the "__fk__" placeholder the pickers' links fill in)."""
    key = (viewname, args, current_app, get_script_prefix(), get_urlconf())
    url = _URLS.get(key)
    if url is None:
        url = _URLS[key] = reverse(viewname, args=args, current_app=current_app)
    return url


class _ConstantLinks:
    """Mixed into the admin's "add / change" wrapper of a picker: its links' addresses
    (templates with a "__fk__" placeholder) are computed once per process."""

    def get_related_url(self, info, action, *args):
        if all(arg == "__fk__" for arg in args):
            return constant_reverse(
                f"admin:{info[0]}_{info[1]}_{action}", args, current_app=self.admin_site.name
            )
        return super().get_related_url(info, action, *args)


def _renders_with(widget, renderer):
    cls = type(widget)
    if not isinstance(widget, _RendersWith):
        if cls not in _MIXED:
            _MIXED[cls] = type(cls.__name__, (_RendersWith, cls), {})
        widget.__class__ = _MIXED[cls]
    widget.default_renderer = renderer


def _constant_links(wrapper):
    cls = type(wrapper)
    if not isinstance(wrapper, _ConstantLinks):
        if cls not in _WRAPPERS:
            _WRAPPERS[cls] = type(cls.__name__, (_ConstantLinks, cls), {})
        wrapper.__class__ = _WRAPPERS[cls]


def render_with(form_class, renderer=RENDERER):
    """``form_class`` (and its wrapped widgets) rendered by ``renderer``; returns it."""
    form_class.default_renderer = renderer
    for field in form_class.base_fields.values():
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            _renders_with(field.widget.widget, renderer)
            _constant_links(field.widget)
    return form_class

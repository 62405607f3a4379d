from django import template
from django.utils.safestring import mark_safe

from newsroom.audit import actor_name

from .. import desk

register = template.Library()


@register.inclusion_tag("admin/includes/desk_home.html", takes_context=True)
def desk_home(context):
    """The index's role panels (``editorial.desk.home``) for the signed-in user."""
    return desk.home(context["request"].user)


@register.filter
def person(user):
    """A staff member's name in Vietnamese order ("Nguyễn Văn An")."""
    return actor_name(user)


@register.simple_tag(takes_context=True)
def desk_apps(context, app_list):
    """The index's apps, the person's own work first: (first, then) lists of apps.

    Writers see articles and photos first and the records (which they only read)
    folded at the end; records staff see the records first.
    """
    user = context["request"].user
    records = [app for app in app_list if app["app_label"] == "clusters"]
    others = [app for app in app_list if app["app_label"] != "clusters"]
    order = {"articles": 0, "photos": 1}
    others.sort(key=lambda app: order.get(app["app_label"], 2))
    if desk.is_records_staff(user):
        return {"first": records + others, "folded": []}
    return {"first": others, "folded": records}


@register.simple_tag
def fast_fieldset(fieldset, index):
    """The article form's fieldset as ``admin/includes/fieldset.html`` renders it, through
    the form's faster renderer (``newsroom.formrender``)."""
    context = {
        "fieldset": fieldset,
        "heading_level": 2,
        "prefix": "fieldset",
        "id_prefix": 0,
        "id_suffix": index,
    }
    return mark_safe(fieldset.form.renderer.render("admin/includes/fieldset.html", context))  # noqa: S308


@register.simple_tag
def fast_tabular(inline_admin_formset, last):
    """A tabular inline as ``admin/edit_inline/tabular.html`` renders it, through its
    formset's renderer (``newsroom.formrender``)."""
    context = {"inline_admin_formset": inline_admin_formset, "last": last}
    renderer = inline_admin_formset.formset.renderer
    return mark_safe(renderer.render("admin/edit_inline/tabular.html", context))  # noqa: S308

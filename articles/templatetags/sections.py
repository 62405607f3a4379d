from django import template

from articles import pages

register = template.Library()


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    request = context.get("request")
    return {
        "sections": pages.menu_sections(),
        "current_path": request.path if request else "",
    }

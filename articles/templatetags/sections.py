from django import template

from articles.models import Section

register = template.Library()


@register.inclusion_tag("includes/section_menu.html", takes_context=True)
def section_menu(context):
    request = context.get("request")
    return {
        "sections": Section.objects.in_menu(),
        "current_path": request.path if request else "",
    }

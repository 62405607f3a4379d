from django import template
from django.utils.safestring import mark_safe

from articles import bodies, richtext
from photos import rendering

register = template.Library()


@register.simple_tag
def article_body(article):
    """The body with its library photos expanded into figures (one query for all of them),
    finished by the registered transforms (``articles.bodies``)."""
    # nh3 cleans the body again (a row may have been written around save()); the figures
    # are rendered from our own template with autoescaping.
    html = rendering.render_body(richtext.sanitise(article.body))
    return mark_safe(bodies.finish(html))  # noqa: S308

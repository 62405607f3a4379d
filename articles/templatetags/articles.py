from django import template
from django.utils.safestring import mark_safe

from articles import bodies, pages, richtext
from photos import rendering

register = template.Library()


@register.simple_tag
def article_body(article, is_preview=False):
    """The body with its library photos expanded into figures.

    A public article's comes from the cache (``articles.pages.body_html``, stored when
    the article or one of its photos changed); a preview's is rendered now.
    """
    if is_preview:
        # nh3 cleans the body again (a row may have been written around save()); the
        # figures are rendered from our own template with autoescaping.
        html = rendering.render_body(richtext.sanitise(article.body))
        return mark_safe(bodies.finish(html))  # noqa: S308
    return mark_safe(pages.body_html(article))  # noqa: S308

"""Photos in the rich-text editor: bodies shown as CKEditor's image figures, and the
words typed there sent back to the library.
"""

from django.utils.html import format_html

from . import references, usage
from .models import Photo


def for_editor(body, loaded=None):
    """The stored body as CKEditor must see it: image figures the editor knows.
    ``loaded``: photos already fetched, by id; the others are fetched here."""
    loaded = loaded or {}
    wanted = references.ids(body)
    missing = [pk for pk in wanted if pk not in loaded]
    photos = {**loaded, **(Photo.objects.in_bulk(missing) if missing else {})}

    def render(pk):
        photo = photos.get(pk)
        if photo is None:
            return None
        caption = format_html("<figcaption>{}</figcaption>", photo.caption) if photo.caption else ""
        return format_html(
            '<figure class="image"><img src="{}" alt="{}" width="{}" height="{}">{}</figure>',
            references.editor_src(pk),
            photo.alt_text,
            photo.width,
            photo.height,
            caption,
        )

    return references.substitute(body, render)


def update_from_editor(body, user):
    """Alt text and captions typed in the editor go to the library photos they belong to.

    The body keeps references only; the library is where a photo's words live, so a fix
    made in any article shows in every article using the photo, and is noted in each
    one's history. Words typed for a photo the user may not change (one that another
    reporter's draft or a published article shows) are left out; the library keeps its own.
    """
    if not user.has_perm("photos.change_photo"):
        return []
    typed = {pk: (alt, caption) for pk, alt, caption in references.editor_texts(body)}
    changed = []
    for photo in Photo.objects.filter(pk__in=typed):
        if not usage.can_change(user, photo):
            continue
        alt, caption = typed[photo.pk]
        before = {"alt_text": photo.alt_text, "caption": photo.caption}
        photo.alt_text, photo.caption = alt or photo.alt_text, caption or photo.caption
        photo.save()
        fields = [name for name, value in before.items() if getattr(photo, name) != value]
        if fields:
            usage.record_change(photo, user, fields)
            changed.append(photo)
            usage.announce(photo, user, set(fields))
    return changed

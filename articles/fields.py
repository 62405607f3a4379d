from django_ckeditor_5.fields import CKEditor5Field

from photos import references


class RichTextField(CKEditor5Field):
    """CKEditor's field, knowing that a body of library photos only is not empty.

    CKEditor5Field stores "" for HTML without text or <img>; a photo reference
    (``<figure data-photo="12"></figure>``) has neither, yet is content.
    """

    def get_prep_value(self, value):
        if value and references.ids(value):
            return value
        return super().get_prep_value(value)

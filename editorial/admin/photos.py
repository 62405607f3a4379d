"""The article form's photos: the cover (chosen from the library or uploaded) and the
body's library photos as CKEditor shows them."""

from photos import editor, ingest
from photos.forms import PhotoUploadField


class ArticlePhotoFormMixin:
    """Shows the editor the body's library photos as image figures CKEditor understands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial.get("body"):
            self.initial["body"] = editor.for_editor(self.initial["body"])


class ArticlePhotosAdminMixin:
    """The article form's cover (choose from the library or upload) and body photos.

    Put it before ModelAdmin in the bases; the fieldsets only need to name ``cover``.
    """

    def get_autocomplete_fields(self, request):
        return [*super().get_autocomplete_fields(request), "cover"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not ingest.can_upload(request.user):
            return fieldsets
        result = []
        for name, options in fieldsets:
            fields = list(options.get("fields", []))
            if "cover" in fields:
                fields.insert(fields.index("cover") + 1, "cover_upload")
            result.append((name, {**options, "fields": fields}))
        return result

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        attrs = {"__module__": __name__}
        if ingest.can_upload(request.user):
            attrs["cover_upload"] = PhotoUploadField(
                label="hoặc tải ảnh đại diện mới",
                required=False,
                help_text="Ảnh tải lên vào thư viện ảnh và thành ảnh đại diện của bài; "
                "nhớ ghi mô tả cho người khiếm thị trong thư viện trước khi đăng.",
            )
        form = type(base.__name__, (ArticlePhotoFormMixin, base), attrs)
        return super().get_form(request, obj, change, form=form, **kwargs)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("cover_upload")
        if upload:
            obj.cover = ingest.create(upload, request.user)
        editor.update_from_editor(form.cleaned_data.get("body", ""), request.user)
        super().save_model(request, obj, form, change)

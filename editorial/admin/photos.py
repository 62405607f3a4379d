"""The article form's photos: the cover (chosen from the library or uploaded) and the
body's library photos as CKEditor shows them."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError

from photos import editor, imaging, ingest


class StagedCoverField(forms.FileField):
    """The cover upload, ingested by the change view before its transaction opened
    (``ArticlePhotosAdminMixin.changeform_view``): cleaning hands on the staged files,
    or the reason the picture was refused."""

    default_error_messages = {"empty": imaging.MESSAGES["empty"]}

    def __init__(self, *, staged=None, refusal=None, **kwargs):
        self.staged, self.refusal = staged, refusal
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return None
        if self.refusal is not None:
            raise self.refusal
        if self.staged is None:
            raise ValidationError("Ảnh chưa được xử lý; hãy chọn lại tệp rồi lưu.")
        return self.staged


class ArticlePhotoFormMixin:
    """Shows the editor the body's library photos as image figures CKEditor understands,
    and names a refused cover upload at the top of the form, where the eye goes first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial.get("body"):
            self.initial["body"] = editor.for_editor(self.initial["body"])

    def clean(self):
        cleaned_data = super().clean()
        if "cover_upload" in self.errors:
            upload = self.files.get(self.add_prefix("cover_upload"))
            name = f" “{upload.name}”" if upload is not None else ""
            reasons = " ".join(self.errors["cover_upload"])
            self.add_error(None, f"Ảnh đại diện tải lên{name} không dùng được: {reasons}")
        return cleaned_data


class ArticlePhotosAdminMixin:
    """The article form's cover (choose from the library or upload) and body photos.

    Put it first in ArticleAdmin's bases: its change view ingests an uploaded cover
    before the admin's transaction opens. The fieldsets only need to name ``cover``.
    """

    UPLOAD = "cover_upload"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        upload = request.FILES.get(self.UPLOAD) if request.method == "POST" else None
        if upload is None or not self._may_upload_cover(request, object_id):
            return super().changeform_view(request, object_id, form_url, extra_context)
        # Decoding and renditions take seconds for a camera picture: done here, outside
        # the transaction, so the article's row (SQLite: the database) is not held.
        try:
            request.staged_cover = ingest.stage(upload)
        except ValidationError as refusal:
            request.cover_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        finally:
            request.staged_cover.discard_unless_saved()

    def _may_upload_cover(self, request, object_id):
        if not ingest.can_upload(request.user):
            return False
        if object_id is None:
            return self.has_add_permission(request)
        article = self.get_object(request, unquote(object_id))
        return article is not None and self.has_change_permission(request, article)

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
                fields.insert(fields.index("cover") + 1, self.UPLOAD)
            result.append((name, {**options, "fields": fields}))
        return result

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        attrs = {"__module__": __name__}
        if ingest.can_upload(request.user):
            attrs[self.UPLOAD] = StagedCoverField(
                staged=getattr(request, "staged_cover", None),
                refusal=getattr(request, "cover_refusal", None),
                label="hoặc tải ảnh đại diện mới",
                required=False,
                help_text="Ảnh tải lên vào thư viện ảnh và thành ảnh đại diện của bài; "
                "nhớ ghi mô tả cho người khiếm thị trong thư viện trước khi đăng.",
            )
        form = type(base.__name__, (ArticlePhotoFormMixin, base), attrs)
        return super().get_form(request, obj, change, form=form, **kwargs)

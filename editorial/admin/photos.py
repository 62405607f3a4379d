"""The article form's photos: the cover (chosen from the library or uploaded) and the
body's library photos as CKEditor shows them."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from articles import photos as article_photos
from articles.workflow import photo_label
from photos import editor, imaging, ingest, usage
from photos.models import Photo

# The words a photo carries, as the article form names them (the library's own labels).
WORDS = {
    "caption": "chú thích",
    "credit": "tác giả ảnh",
    "alt_text": "mô tả cho người khiếm thị",
}


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

    # The article's photos the admin already fetched (``_photo_words``), by id.
    loaded_photos = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial.get("body"):
            self.initial["body"] = editor.for_editor(self.initial["body"], self.loaded_photos)

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
    before the admin's transaction opens. The admin's ``get_fieldsets`` passes its
    layout through ``with_photo_fields``, and its save calls ``save_photo_words``.
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

    def with_photo_fields(self, request, obj, fieldsets):
        """The layout with the cover upload after ``cover`` and, for a stored article,
        a fieldset of its photos' words (caption, credit, alt text), each photo a row."""
        editable = obj is None or self.has_change_permission(request, obj)
        if not editable:
            return fieldsets
        result = []
        for name, options in fieldsets:
            fields = list(options.get("fields", []))
            if "cover" in fields and ingest.can_upload(request.user):
                fields.insert(fields.index("cover") + 1, self.UPLOAD)
            result.append((name, {**options, "fields": fields}))
        rows = [tuple(names) for _photo, _label, names in self._photo_words(request, obj)]
        if rows:
            index = next(
                (i + 1 for i, (_n, o) in enumerate(result) if "body" in o.get("fields", [])), 1
            )
            result.insert(
                index,
                (
                    "Ảnh của bài: chú thích, tác giả ảnh, mô tả",
                    {
                        "fields": rows,
                        "classes": ["photo-words"],
                        "description": "Sửa ở đây là sửa trong thư viện ảnh, cho mọi bài dùng "
                        "ảnh. Trước khi đăng, mỗi ảnh cần tác giả ảnh và mô tả cho người "
                        "khiếm thị. Ảnh mới chèn vào bài hiện ở đây sau khi lưu.",
                    },
                ),
            )
        return result

    def _photo_words(self, request, obj):
        """(photo, label, field names) for each photo of a stored article; fetched once
        per request. Whether the user may change a photo's words is asked only for the
        ones they edit (``save_photo_words``), so the form's queries do not grow."""
        if obj is None or obj.pk is None or not request.user.has_perm("photos.change_photo"):
            return []
        cache = getattr(request, "_photo_words", None)
        if cache is not None and cache[0] == obj.pk:
            return cache[1]
        rows = []
        position = 0
        for photo in article_photos.photos_of(obj):
            if photo.pk != obj.cover_id:
                position += 1
            names = [f"anh_{photo.pk}_{word}" for word in WORDS]
            rows.append((photo, photo_label(obj, photo, position), names))
        request._photo_words = (obj.pk, rows)
        return rows

    def save_photo_words(self, request, form):
        """The words changed in the photos fieldset go to the library photos, those the
        user may change (a photo a published article shows is the editors')."""
        changed = []
        for photo, label, names in self._photo_words(request, form.instance):
            fields = dict(zip(WORDS, names, strict=True))
            edited = {w: n for w, n in fields.items() if n in form.changed_data}
            if not edited:
                continue
            fresh = Photo.objects.get(pk=photo.pk)
            if not usage.can_change(request.user, fresh):
                messages.warning(
                    request,
                    f"Chưa sửa chú thích, tác giả ảnh, mô tả của {label}: ảnh đang hiện trong "
                    "bài đã đăng, chỉ biên tập viên được sửa.",
                )
                continue
            for word, name in edited.items():
                setattr(fresh, word, form.cleaned_data[name])
            fresh.save()
            changed.append(fresh)
        return changed

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.pop("form", self.form)
        words = self._photo_words(request, obj)
        attrs = {"__module__": __name__, "loaded_photos": {p.pk: p for p, _l, _n in words}}
        if ingest.can_upload(request.user):
            attrs[self.UPLOAD] = StagedCoverField(
                staged=getattr(request, "staged_cover", None),
                refusal=getattr(request, "cover_refusal", None),
                label="hoặc tải ảnh đại diện mới",
                required=False,
                help_text="Ảnh tải lên vào thư viện ảnh và thành ảnh đại diện của bài; "
                "nhớ ghi mô tả cho người khiếm thị trong thư viện trước khi đăng.",
            )
        for photo, label, names in words:
            for (word, word_label), name in zip(WORDS.items(), names, strict=True):
                field = Photo._meta.get_field(word)
                attrs[name] = forms.CharField(
                    label=f"{word_label.capitalize()} – {label}",
                    required=False,
                    initial=getattr(photo, word),
                    max_length=getattr(field, "max_length", None),
                    widget=forms.TextInput(attrs={"class": f"vTextField photo-{word}"}),
                    help_text=format_html(
                        '<img class="photo-words-thumb" src="{}" alt="" width="96">',
                        photo.thumbnail_url,
                    )
                    if word == "caption"
                    else field.help_text,
                )
        form = type(base.__name__, (ArticlePhotoFormMixin, base), attrs)
        return super().get_form(request, obj, change, form=form, **kwargs)

"""The photo library in the admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join

from newsroom.admin import FoldedSearchMixin

from . import clearance, ingest, usage
from .forms import PhotoUploadField
from .models import Photo


class PhotoAdminForm(forms.ModelForm):
    upload = PhotoUploadField(
        label="tệp ảnh",
        required=False,
        help_text="JPEG, PNG hoặc WebP. Ảnh được xoay đúng chiều, bỏ hết siêu dữ liệu "
        "(kể cả vị trí GPS) và lưu dưới tên mới. Chọn tệp khác để thay ảnh (ví dụ ảnh đã cắt lại).",
    )

    class Meta:
        model = Photo
        fields = [
            "caption",
            "credit",
            "alt_text",
            "taken_on",
            "focal_x",
            "focal_y",
            "is_sensitive",
            "sensitive_reason",
        ]
        widgets = {"caption": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("upload", "Chưa chọn ảnh.")
        return cleaned


class ClearanceFilter(admin.SimpleListFilter):
    title = "duyệt ảnh nhạy cảm"
    parameter_name = "duyet"

    def lookups(self, request, model_admin):
        return [("cho-duyet", "Nhạy cảm, chờ duyệt"), ("da-duyet", "Nhạy cảm, đã duyệt")]

    def queryset(self, request, queryset):
        if self.value() == "cho-duyet":
            return queryset.needing_clearance()
        if self.value() == "da-duyet":
            return queryset.filter(is_sensitive=True, cleared_at__isnull=False)
        return queryset


class AltTextFilter(admin.SimpleListFilter):
    title = "mô tả cho người khiếm thị"
    parameter_name = "mo-ta"

    def lookups(self, request, model_admin):
        return [("thieu", "Chưa có"), ("co", "Đã có")]

    def queryset(self, request, queryset):
        if self.value() == "thieu":
            return queryset.filter(alt_text="")
        if self.value() == "co":
            return queryset.exclude(alt_text="")
        return queryset


class UsageFilter(admin.SimpleListFilter):
    title = "nơi dùng"
    parameter_name = "dung"

    def lookups(self, request, model_admin):
        return [("chua-dung", "Chưa dùng"), ("dang-dung", "Đang dùng")]

    def queryset(self, request, queryset):
        if self.value() == "chua-dung":
            return queryset.exclude(usage.in_use())
        if self.value() == "dang-dung":
            return queryset.filter(usage.in_use())
        return queryset


@admin.register(Photo)
class PhotoAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "label", "credit", "has_alt", "sensitivity", "created_at"]
    list_display_links = ["label"]  # one named link per row; the thumbnail needs none
    list_filter = [UsageFilter, ClearanceFilter, AltTextFilter, "is_sensitive", "created_at"]
    list_select_related = ["cleared_by"]
    list_per_page = 40
    date_hierarchy = "created_at"
    search_help_text = "Tìm theo chú thích, tác giả ảnh, mô tả; gõ có dấu hay không dấu đều được."
    actions = ["clear_selected"]
    readonly_fields = [
        "preview",
        "size",
        "uploaded_by",
        "created_at",
        "cleared_by",
        "cleared_at",
        "used_in",
    ]

    def get_fieldsets(self, request, obj=None):
        # A photo opened read-only has nothing to upload: leave out the file field
        # rather than show it as an empty "tệp ảnh" row.
        if obj is None:
            top = ["upload"]
        elif self.has_change_permission(request, obj):
            top = ["preview", "upload"]
        else:
            top = ["preview"]
        fieldsets = [
            (None, {"fields": top}),
            ("Thông tin ảnh", {"fields": ["caption", "credit", "alt_text", "taken_on"]}),
            (
                "Ảnh nhạy cảm",
                {
                    "fields": ["is_sensitive", "sensitive_reason"]
                    + (["cleared_by", "cleared_at"] if obj else []),
                    "description": "Ảnh có trẻ em, nạn nhân, nghi phạm hay trinh sát chỉ được "
                    "đăng sau khi biên tập viên duyệt.",
                },
            ),
            ("Cắt ảnh chia sẻ", {"fields": ["focal_x", "focal_y"], "classes": ["collapse"]}),
        ]
        if obj is not None:
            fieldsets.append(
                ("Tệp và nơi dùng", {"fields": ["size", "uploaded_by", "created_at", "used_in"]})
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Once flagged, only an editor who may clear photos can take the flag off.
        if obj is not None and obj.is_sensitive and not clearance.can_clear_photo(request.user):
            fields += ["is_sensitive", "sensitive_reason"]
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or usage.can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or not usage.is_used(obj))

    def has_clear_permission(self, request):
        return clearance.can_clear_photo(request.user)

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        if not change:
            obj.uploaded_by = request.user
        if upload:
            ingest.attach_upload(obj, upload)
        elif change and {"focal_x", "focal_y"} & set(form.changed_data):
            ingest.rerender(obj)
        ingest.save(obj)
        if change:
            fields = [name for name in form.changed_data if name != "upload"]
            usage.record_change(obj, request.user, fields + (["image"] if upload else []))
            if form.changed_data:
                # Articles showing it show the new picture or words: say so once stored.
                usage.announce(obj, request.user, set(form.changed_data))

    @admin.display(description="ảnh")
    def thumbnail(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" loading="lazy">',
            obj.thumbnail_url,
            round(96 * obj.height / obj.width) if obj.width else 64,
        )

    @admin.display(description="ảnh")
    def preview(self, obj):
        if not obj.image:
            return "—"
        note = ""
        if obj.renditions_due:
            note = format_html(
                '<p class="help">{}</p>',
                "Đang làm các bản thu nhỏ; trong lúc chờ, trang công khai hiện ảnh gốc.",
            )
        return format_html(
            '<img src="{}" alt="{}" style="max-width:100%;width:480px;height:auto">{}',
            obj.thumbnail_url,
            obj.alt_text,
            note,
        )

    @admin.display(description="ảnh", ordering="caption")
    def label(self, obj):
        return str(obj)

    @admin.display(description="có mô tả", boolean=True)
    def has_alt(self, obj):
        return bool(obj.alt_text)

    @admin.display(description="nhạy cảm")
    def sensitivity(self, obj):
        if not obj.is_sensitive:
            return "—"
        if obj.cleared_at is None:
            return f"Chờ duyệt: {obj.get_sensitive_reason_display().lower()}"
        return f"Đã duyệt ({obj.cleared_by})"

    @admin.display(description="kích thước")
    def size(self, obj):
        return f"{obj.width} × {obj.height} điểm ảnh"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.viewer = request.user  # for used_in: a display method gets no request
        return obj

    @admin.display(description="dùng trong bài")
    def used_in(self, obj):
        # Only what this user may see is named; the rest is a number, never a title.
        viewer = getattr(obj, "viewer", None)
        if viewer is None:
            return "—"
        visible = usage.using(obj, viewer)
        shown = [item for found in visible for item in found[:20]][:20]
        hidden = sum(found.count() for found in usage.using(obj)) - sum(
            found.count() for found in visible
        )
        if not shown and not hidden:
            return "Chưa dùng trong bài nào."
        items = format_html_join("", "<li>{}</li>", ((str(item),) for item in shown))
        if hidden:
            items += format_html("<li>{} bài khác bạn không được xem</li>", hidden)
        return format_html("<ul>{}</ul>", items)

    @admin.action(description="Duyệt các ảnh nhạy cảm đã chọn", permissions=["clear"])
    def clear_selected(self, request, queryset):
        done = 0
        for photo in queryset:
            try:
                clearance.clear_photo(photo, request.user)
            except (PermissionDenied, clearance.WorkflowError) as error:
                messages.warning(request, f"“{photo}”: {error}")
            else:
                done += 1
        if done:
            messages.success(request, f"Đã duyệt {done} ảnh nhạy cảm.")

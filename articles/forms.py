from django import forms
from django.contrib.admin import widgets as admin_widgets

from . import imaging


class PhotoUploadField(forms.FileField):
    """An image file accepted by its content (imaging.validate_upload), with its message."""

    default_error_messages = {"required": "Chưa chọn ảnh.", "empty": imaging.MESSAGES["empty"]}

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            imaging.validate_upload(upload)
            upload.seek(0)
        return upload


class EditorImageForm(forms.Form):
    """A picture dropped or pasted into the editor; it becomes a library photo."""

    upload = PhotoUploadField()


class ScheduleForm(forms.Form):
    published_at = forms.SplitDateTimeField(
        label="Đăng lúc",
        widget=admin_widgets.AdminSplitDateTime,
        help_text="Ngày theo dạng ngày/tháng/năm, giờ theo dạng giờ:phút.",
        error_messages={
            "required": "Hãy chọn ngày và giờ đăng.",
            "invalid": "Ngày giờ không hợp lệ.",
        },
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Ý kiến gửi phóng viên",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Hãy ghi ý kiến để phóng viên biết cần sửa gì."},
    )

import uuid
import warnings

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_PIXELS = 40_000_000
UPLOAD_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class EditorImageForm(forms.Form):
    """A picture dropped into the editor: accepted by its content, stored under a new name."""

    upload = forms.FileField(
        error_messages={"required": "Chưa chọn ảnh.", "empty": "Tệp ảnh trống."}
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Ảnh quá lớn: tối đa 10 MB.")
        refused = "Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ."
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(upload) as image:
                    width, height = image.size
                    if width * height > MAX_UPLOAD_PIXELS:
                        raise forms.ValidationError("Ảnh quá lớn: tối đa 40 megapixel.")
                    if image.format not in UPLOAD_FORMATS:
                        raise forms.ValidationError(refused)
                    self.extension = UPLOAD_FORMATS[image.format]
                    # Decoding every pixel is what finds truncated and corrupt files.
                    image.load()
        except forms.ValidationError:
            raise
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, RuntimeWarning):
            raise forms.ValidationError(refused) from None
        upload.seek(0)
        return upload

    def save(self):
        today = timezone.localdate()
        name = f"bien-tap/{today:%Y/%m}/{uuid.uuid4().hex}.{self.extension}"
        return default_storage.url(default_storage.save(name, self.cleaned_data["upload"]))


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

from django import forms
from django.contrib.admin import widgets as admin_widgets


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

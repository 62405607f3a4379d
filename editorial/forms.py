import datetime

from django import forms
from django.contrib.admin import widgets as admin_widgets


class PreviewLinkForm(forms.Form):
    LIFETIMES = [
        ("1", "1 giờ"),
        ("24", "24 giờ"),
        ("48", "48 giờ (mặc định)"),
        ("168", "7 ngày"),
        ("720", "30 ngày"),
    ]

    lifetime = forms.TypedChoiceField(
        label="Hết hạn sau", choices=LIFETIMES, initial="48", coerce=int
    )
    note = forms.CharField(
        label="Gửi cho",
        max_length=200,
        required=False,
        help_text="Ai sẽ xem và để làm gì; chỉ toà soạn thấy dòng này.",
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Nội dung đính chính",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Nói rõ điều gì đã sai và nay sửa thế nào. Dòng này hiện dưới bài, kèm ngày.",
        error_messages={"required": "Hãy ghi nội dung đính chính."},
    )
    published_at = forms.SplitDateTimeField(
        label="Đính chính lúc",
        required=False,
        widget=forms.SplitDateTimeWidget(
            date_attrs={"placeholder": "ngày/tháng/năm"}, time_attrs={"placeholder": "giờ:phút"}
        ),
        help_text="Để trống là lúc này.",
        error_messages={"invalid": "Ngày giờ không hợp lệ."},
    )


def _note_field():
    return forms.CharField(
        label="Ý kiến gửi phóng viên",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Hãy ghi ý kiến để phóng viên biết cần sửa gì."},
    )


def _time_field():
    return forms.SplitDateTimeField(
        label="Đăng lúc",
        widget=admin_widgets.AdminSplitDateTime,
        help_text="Ngày theo dạng ngày/tháng/năm, giờ theo dạng giờ:phút.",
        error_messages={
            "required": "Hãy chọn ngày và giờ đăng.",
            "invalid": "Ngày giờ không hợp lệ.",
        },
    )


class TransitionForm(forms.Form):
    """A workflow step as posted: the version the user saw, and the inputs the step needs
    (``Transition.inputs``: "note", "at" — asked for as the publication time)."""

    INPUTS = {"note": ("note", _note_field), "at": ("published_at", _time_field)}

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": "Thiếu số phiên bản bài bạn đã xem; hãy tải lại trang bài rồi làm lại.",
            "invalid": "Số phiên bản không hợp lệ; hãy tải lại trang bài rồi làm lại.",
            "min_value": "Số phiên bản không hợp lệ; hãy tải lại trang bài rồi làm lại.",
        },
    )

    def __init__(self, transition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        for name in transition.inputs:
            field_name, make_field = self.INPUTS[name]
            self.fields[field_name] = make_field()

    @classmethod
    def initial_for(cls, transition, article, version):
        """The form's first values: the version seen and what the step proposes."""
        initial = {"version": version}
        proposed = transition.proposed(article) if transition.proposed else {}
        for name, value in proposed.items():
            if (
                name == "at"
                and isinstance(value, datetime.date)
                and not isinstance(value, datetime.datetime)
            ):
                value = [value, None]  # the day filled in, the time left to the user
            initial[cls.INPUTS[name][0]] = value
        return initial

    def inputs(self):
        """The step's inputs as ``workflow.perform`` takes them."""
        return {name: self.cleaned_data[self.INPUTS[name][0]] for name in self.transition.inputs}

    def version_error(self):
        """The version field's error, shown as a message (the field is hidden)."""
        errors = self.errors.get("version")
        return errors[0] if errors else None

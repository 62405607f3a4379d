from django import forms


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

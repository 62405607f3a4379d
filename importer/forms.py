"""The two steps of "Nhập bài": what the reporter hands in, and what they confirm."""

from django import forms
from django.core import signing
from django.utils import timezone

from articles.models import Section

from . import legacy
from .importing import Staging

KEEP = "keep"
SALT = "importer.staging"
# A reporter has a working day to confirm; the signed analysis expires after that.
MAX_AGE = 24 * 60 * 60


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Dán nội dung bài",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90, "spellcheck": "false"}),
        help_text="Dán cả bài (tiêu đề, sapo, các đoạn, chú thích ảnh, dòng ký tên) từ Word, "
        "trang web hay tin nhắn. Hoặc chọn tệp bên dưới.",
    )
    upload = forms.FileField(
        label="Hoặc tải lên tệp",
        required=False,
        help_text="Tệp Word (.docx, ảnh trong tệp được đưa vào thư viện theo đúng thứ tự) "
        "hoặc tệp văn bản (.txt).",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )
    day = forms.DateField(
        label="Ngày của bài",
        help_text="Đơn vị, cán bộ được đối chiếu với hồ sơ theo ngày này (bài cũ: ngày gốc).",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    section = forms.ModelChoiceField(
        label="Chuyên mục",
        queryset=Section.objects.order_by("position", "name"),
        empty_label="— Chọn chuyên mục —",
    )
    legacy = forms.ChoiceField(
        label="Bảng mã cũ",
        required=False,
        choices=[
            ("", "Chưa chọn"),
            (legacy.TCVN3, "Chuyển từ TCVN3 (ABC) sang Unicode"),
            (legacy.VNI, "Chuyển từ VNI sang Unicode"),
            (KEEP, "Giữ nguyên như đã dán"),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("day", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        has_text = bool((cleaned.get("text") or "").strip())
        upload = cleaned.get("upload")
        if has_text and upload:
            raise forms.ValidationError(
                "Hãy dán nội dung hoặc tải lên một tệp, không làm cả hai cùng lúc."
            )
        if not has_text and not upload:
            raise forms.ValidationError("Hãy dán nội dung bài hoặc chọn một tệp .docx/.txt.")
        if upload and not upload.name.lower().endswith((".docx", ".txt")):
            self.add_error(
                "upload",
                "Chỉ nhập được tệp Word (.docx) hoặc văn bản (.txt). Tệp .doc (Word 97–2003) "
                "hãy mở trong Word và lưu lại dạng .docx.",
            )
        return cleaned

    @property
    def legacy_encoding(self) -> str | None:
        value = self.cleaned_data.get("legacy")
        return value if value in (legacy.TCVN3, legacy.VNI) else None

    @property
    def legacy_decided(self) -> bool:
        return bool(self.cleaned_data.get("legacy"))


def sign(staging: Staging, user) -> str:
    return signing.dumps({"user": user.pk, "staging": staging.to_dict()}, salt=SALT, compress=True)


def unsign(value: str, user) -> Staging | None:
    """The staging the page carried, if it is intact, recent and this reporter's."""
    try:
        data = signing.loads(value or "", salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("user") != user.pk:
        return None
    return Staging.from_dict(data["staging"])


class ConfirmForm(forms.Form):
    """The reporter's decisions on the confirmation page; the suggestions, bylines and
    unknown officials are read from the POST by the view (one checkbox or choice each)."""

    staging = forms.CharField(widget=forms.HiddenInput)
    section = forms.ModelChoiceField(
        label="Chuyên mục",
        queryset=Section.objects.order_by("position", "name"),
        empty_label="— Chọn chuyên mục —",
    )
    title = forms.CharField(
        label="Tiêu đề",
        max_length=300,
        widget=forms.TextInput(attrs={"size": 90}),
        error_messages={"required": "Bài chưa có tiêu đề: hãy gõ tiêu đề."},
    )
    lead = forms.CharField(
        label="Sapo",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 90}),
    )

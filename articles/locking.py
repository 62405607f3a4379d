"""Two people, one article: no lost updates.

The change form carries the ``version`` it was loaded with. Saving claims the row with
``UPDATE … WHERE version = loaded`` inside the admin's transaction; the UPDATE holds the
row (PostgreSQL) or the database (SQLite) until commit, so of two saves loaded from the
same version exactly one gets the row and the other is refused. (Who else has the
article open is shown by ``editorial.presence``; it informs, this decides.)
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms

from newsroom import text
from newsroom.audit import actor_name

from .models import Article


@dataclass
class Conflict:
    """Someone saved the article after the form was loaded."""

    version: int
    name: str
    at: datetime

    @property
    def message(self):
        when = text.format_moment(self.at, seconds=True)
        return (
            f"Chưa lưu: {self.name} đã lưu bài này lúc {when}, sau khi bạn mở trang. "
            "Nội dung bạn vừa gõ vẫn còn nguyên trong khung dưới đây. Hãy mở bài ở thẻ khác "
            "(hoặc xem “Lịch sử phiên bản”) để đối chiếu; nếu vẫn muốn thay bản kia bằng "
            "bản của mình, hãy bấm Lưu lần nữa."
        )


def claim(article_pk, loaded_version):
    """Take the article's row for this save if it is still at ``loaded_version``.

    Must run inside the saving transaction. Returns None when claimed, else the Conflict.
    """
    claimed = Article.objects.filter(pk=article_pk, version=loaded_version).update(
        version=loaded_version
    )
    if claimed:
        return None
    stored = Article.objects.select_related("updated_by").only(
        "version", "updated_at", "updated_by"
    )
    stored = stored.get(pk=article_pk)
    return Conflict(stored.version, actor_name(stored.updated_by), stored.updated_at)


def versioned_form(form_class):
    """The admin's article form, carrying and checking the version it was loaded with."""

    class VersionedForm(form_class):
        loaded_version = forms.IntegerField(
            widget=forms.HiddenInput,
            min_value=0,
            error_messages={
                "required": "Trang sửa bài thiếu số phiên bản; hãy tải lại trang rồi lưu.",
                "invalid": "Số phiên bản không hợp lệ; hãy tải lại trang rồi lưu.",
            },
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.conflict = None
            if self.instance.pk is not None:
                self.fields["loaded_version"].initial = self.instance.version

        def clean(self):
            cleaned_data = super().clean()
            loaded = cleaned_data.get("loaded_version")
            if loaded is None or self.instance.pk is None:
                return cleaned_data
            self.conflict = claim(self.instance.pk, loaded)
            if self.conflict is not None:
                # Shown again with the user's text; saving once more is a deliberate overwrite.
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded_version")] = self.conflict.version
                raise forms.ValidationError(self.conflict.message, code="conflict")
            self.instance.version = loaded
            return cleaned_data

    VersionedForm.__name__ = form_class.__name__
    return VersionedForm

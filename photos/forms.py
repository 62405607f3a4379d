from django import forms

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

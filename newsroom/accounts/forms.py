from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())

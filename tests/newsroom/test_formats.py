import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone


class DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


@pytest.mark.parametrize(
    "typed",
    ["05/11/2026", "5/11/2026", "05-11-2026", "05.11.2026", "2026-11-05"],
)
def test_typed_date_is_read_day_first(typed):
    form = DateForm(data={"day": typed, "moment": "05/11/2026 08:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 11, 5)


def test_typed_datetime_is_read_day_first_in_hanoi_time():
    form = DateForm(data={"day": "01/01/2026", "moment": "05/11/2026 08:30"})
    assert form.is_valid(), form.errors
    moment = timezone.localtime(form.cleaned_data["moment"])
    assert (moment.day, moment.month, moment.hour, moment.minute) == (5, 11, 8, 30)
    assert moment.utcoffset() == datetime.timedelta(hours=7)


def test_us_order_date_is_refused_with_a_vietnamese_message():
    form = DateForm(data={"day": "11/25/2026", "moment": "05/11/2026 08:30"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Nhập một ngày hợp lệ."]


def test_date_filters_render_vietnamese_weekday():
    moment = datetime.datetime(2026, 11, 27, 3, 5, tzinfo=datetime.UTC)
    rendered = Template("{% load newsroom %}{{ m|vn_date }} | {{ m|vn_datetime }}").render(
        Context({"m": moment})
    )
    assert rendered == "Thứ Sáu, 27/11/2026 | Thứ Sáu, 27/11/2026, 10:05 (GMT+7)"


def test_localised_date_display_is_day_first():
    rendered = Template("{{ d }}").render(Context({"d": datetime.date(2026, 11, 5)}))
    assert rendered == "05/11/2026"

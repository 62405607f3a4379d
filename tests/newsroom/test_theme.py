"""The publisher's colours and footer note: checked for contrast on save, on every page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom import theme
from newsroom.models import Publisher
from tests.newsroom.publisher_form import FIELDS

NAVY = {"brand_colour": "#1a4d8f", "brand_dark_colour": "#0f2f5a", "accent_colour": "#ffd54f"}


def save(client, publisher=None, **changes):
    if publisher is None:
        url = reverse("admin:newsroom_publisher_add")
    else:
        url = reverse("admin:newsroom_publisher_change", args=[publisher.pk])
    return client.post(url, {**FIELDS, **changes})


# --- contrast -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_is_the_wcag_ratio(first, second, ratio):
    assert theme.contrast(first, second) == pytest.approx(ratio, abs=0.005)
    assert theme.contrast(second, first) == pytest.approx(ratio, abs=0.005)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("#8B0000", "#8b0000"), (" 8b0000 ", "#8b0000"), ("#C00", "#cc0000"), ("đỏ", "đỏ")],
)
def test_a_typed_colour_is_normalised(typed, stored):
    assert theme.normalise(typed) == stored


def test_the_defaults_are_site_css_own_and_readable():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    root = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-f]{6});", css.split("}", 1)[0]))
    assert root["brand"] == theme.DEFAULTS["brand_colour"]
    assert root["brand-dark"] == theme.DEFAULTS["brand_dark_colour"]
    assert root["gold"] == theme.DEFAULTS["accent_colour"]
    assert root["brand-soft"] == theme.tint(theme.DEFAULTS["brand_colour"])
    assert root["soft"] == theme.SOFT
    assert theme.problems(theme.DEFAULTS) == {}


def test_a_light_brand_colour_is_refused_naming_the_colour_and_the_ratio():
    publisher = Publisher(**{**NAVY, "brand_colour": "#e06666"})
    with pytest.raises(ValidationError) as refused:
        publisher.full_clean()
    messages = refused.value.message_dict
    assert set(messages) == {"brand_colour", "accent_colour"}
    assert (
        "Màu chủ đạo #e06666 không đủ tương phản: chữ trắng trên nền màu này "
        "(đầu trang, thanh menu) chỉ đạt tỉ lệ 3,35:1, cần ít nhất 4,5:1"
    ) in messages["brand_colour"][0]
    assert "liên kết màu này trên nền trắng chỉ đạt tỉ lệ 3,35:1" in messages["brand_colour"][1]
    assert "trên nền màu chủ đạo #e06666" in messages["accent_colour"][0]


def test_a_ratio_just_under_the_minimum_is_not_rounded_up_to_it():
    # #777777 on white is 4.478:1: shown as 4,47, not as the 4,5 it does not reach.
    publisher = Publisher(brand_colour="#777777", brand_dark_colour="#000000")
    with pytest.raises(ValidationError) as refused:
        publisher.full_clean()
    assert "chỉ đạt tỉ lệ 4,47:1" in " ".join(refused.value.message_dict["brand_colour"])


def test_an_accent_unreadable_on_the_dark_colour_alone_is_refused():
    # Readable on the brand colour (4.5:1 and more), not on the darker one under the hotline.
    colours = {**NAVY, "brand_colour": "#000000", "brand_dark_colour": "#3a3a3a"}
    colours["accent_colour"] = "#767676"
    assert theme.contrast("#767676", "#000000") >= 4.5
    found = theme.problems(colours)
    assert list(found) == ["accent_colour"]
    assert "đường dây nóng" in found["accent_colour"][0].message % found["accent_colour"][0].params


@pytest.mark.django_db
def test_a_colour_that_is_not_a_hex_code_is_refused_in_vietnamese():
    with pytest.raises(ValidationError) as refused:
        Publisher(brand_colour="đỏ sẫm").full_clean()
    assert refused.value.message_dict["brand_colour"] == [
        "Nhập màu dạng mã hex gồm dấu # và 6 chữ số hệ 16, ví dụ #8b0000."
    ]


# --- the admin ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_colours_and_footer_note_are_saved_from_the_settings(admin_client):
    note = "Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.\nBản quyền thuộc Công an tỉnh."
    response = save(
        admin_client,
        brand_colour="#1A4D8F",
        brand_dark_colour="0f2f5a",
        accent_colour="#ffd54f",
        footer_note=note,
    )
    assert response.status_code == 302, response.content.decode()
    publisher = Publisher.objects.get()
    assert theme.colours_of(publisher) == NAVY
    assert publisher.footer_note == note


@pytest.mark.django_db
def test_a_refused_colour_is_named_and_everything_typed_is_kept(admin_client):
    publisher = Publisher.objects.create(site_name="Cổng cũ")
    response = save(
        admin_client,
        publisher,
        brand_colour="#E06666",
        footer_note="Ghi rõ nguồn khi phát hành lại.",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Màu chủ đạo #e06666 không đủ tương phản" in html
    assert "3,35:1" in html
    assert 'value="#E06666"' in html
    assert "Ghi rõ nguồn khi phát hành lại." in html
    assert 'value="0239 3855 113"' in html
    publisher.refresh_from_db()
    assert publisher.site_name == "Cổng cũ"
    assert publisher.brand_colour == theme.DEFAULTS["brand_colour"]


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_default_colours_add_no_stylesheet(client):
    Publisher.objects.create()
    html = client.get("/").content.decode()
    assert "/giao-dien/" not in html


@pytest.mark.django_db
def test_the_publishers_colours_reach_the_page(client):
    publisher = Publisher.objects.create(**NAVY)
    html = client.get("/").content.decode()
    href = reverse("theme_css", args=[theme.version(publisher)])
    site_css = html.index("css/site.css")
    assert html.index(f'<link rel="stylesheet" href="{href}">') > site_css
    css = client.get(href)
    assert css["Content-Type"] == "text/css; charset=utf-8"
    body = css.content.decode()
    assert "--brand: #1a4d8f;" in body
    assert "--brand-dark: #0f2f5a;" in body
    assert "--gold: #ffd54f;" in body
    assert f"--brand-soft: {theme.tint('#1a4d8f')};" in body


@pytest.mark.django_db
def test_the_stylesheet_is_kept_a_year_under_its_name_and_briefly_under_an_old_one(client):
    publisher = Publisher.objects.create(**NAVY)
    current = client.get(reverse("theme_css", args=[theme.version(publisher)]))
    assert "max-age=31536000" in current["Cache-Control"]
    assert "immutable" in current["Cache-Control"]
    assert "public" in current["Cache-Control"]
    assert client.head(reverse("theme_css", args=[theme.version(publisher)])).status_code == 200
    outdated = client.get(reverse("theme_css", args=["0123456789ab"]))
    assert "--brand: #1a4d8f;" in outdated.content.decode()
    assert "max-age=60" in outdated["Cache-Control"]
    assert "immutable" not in outdated["Cache-Control"]


@pytest.mark.django_db
def test_the_stylesheet_is_served_from_the_cached_publisher(client, django_assert_num_queries):
    publisher = Publisher.objects.create(**NAVY)
    url = reverse("theme_css", args=[theme.version(publisher)])
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_footer_note_shows_line_by_line_and_escaped(client):
    Publisher.objects.create(footer_note="Ghi rõ nguồn <b>khi</b> phát hành lại.\nBản quyền.")
    html = client.get("/").content.decode()
    assert (
        '<div class="footer-note"><p>Ghi rõ nguồn &lt;b&gt;khi&lt;/b&gt; phát hành lại.'
        "<br>Bản quyền.</p></div>"
    ) in html


def test_a_colour_written_around_the_form_never_reaches_the_stylesheet(db):
    """The form refuses anything but a colour; a row written another way falls back."""
    from newsroom import theme
    from newsroom.models import Publisher

    publisher = Publisher.objects.create(site_name="Báo Công an tỉnh")
    # Seven characters, as the column holds on PostgreSQL too: a rule break, not a colour.
    Publisher.objects.filter(pk=publisher.pk).update(brand_colour="red;}p{")
    publisher.refresh_from_db()
    css = theme.stylesheet(publisher)
    assert "red" not in css and "}p{" not in css
    assert f"--brand: {theme.DEFAULTS['brand_colour']};" in css

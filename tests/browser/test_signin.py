"""Two-factor sign-in in Chromium: an editor required to use it sets it up, then signs in."""

import base64
import time

import pytest
from django_otp.oath import TOTP

from newsroom import roles
from tests.browser.conftest import login
from tests.factories import editor

pytestmark = pytest.mark.django_db(transaction=True)


def code_for(secret_shown, seconds_ahead=0):
    """What the phone's authenticator shows, from the key printed on the set-up page."""
    key = "".join(secret_shown.split())
    key += "=" * (-len(key) % 8)
    totp = TOTP(base64.b32decode(key))
    totp.time = time.time() + seconds_ahead
    return f"{totp.token():06d}"


def test_an_editor_sets_up_two_factor_and_signs_in_with_a_code(
    page, live_server, settings, artifacts
):
    settings.TWO_FACTOR_REQUIRED_FOR = [roles.EDITOR]
    editor(username="bientap")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()

    # Required: the newsroom waits behind the set-up page, in the admin's look.
    page.wait_for_url("**/admin/tai-khoan/hai-buoc/**")
    assert "bắt buộc dùng xác thực hai bước" in page.content()
    assert page.get_by_role(
        "img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực"
    ).is_visible()
    page.screenshot(path=artifacts / "two-factor-setup.png", full_page=True)
    secret = page.locator("#khoa-bi-mat").inner_text()
    page.get_by_label("Mã xác thực").fill(code_for(secret, seconds_ahead=3600))
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    assert "Mã không khớp" in page.content()
    page.get_by_label("Mã xác thực").fill(code_for(secret))
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    # A wrong code makes the next try wait (django-otp's throttling), and says so.
    assert "đợi vài giây" in page.content()
    time.sleep(1.5)
    page.get_by_label("Mã xác thực").fill(code_for(secret))
    page.get_by_role("button", name="Bật xác thực hai bước").click()

    page.wait_for_url("**/hai-buoc/ma-du-phong/**")
    assert page.locator(".recovery-codes li").count() == 10
    page.get_by_role("link", name="Tôi đã cất các mã, tiếp tục").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert "Quản trị nội dung" in page.content()

    # Next time: password, then the code from the phone.
    page.locator("#logout-form").get_by_role("button").click()
    login_again = f"{live_server.url}/admin/login/?next=/admin/articles/article/"
    page.goto(login_again)
    page.get_by_label("Tên đăng nhập").fill("bientap")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu-nghiem")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/admin/tai-khoan/xac-thuc/**")
    page.screenshot(path=artifacts / "two-factor-verify.png", full_page=True)
    # The code of the set-up step was used; the authenticator has moved on by one step.
    page.get_by_label("Mã xác thực").fill(code_for(secret, seconds_ahead=30))
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url(f"{live_server.url}/admin/articles/article/")


def test_login_helper_still_lands_in_the_admin(page, live_server):
    editor(username="bientap")
    login(page, live_server, "bientap")

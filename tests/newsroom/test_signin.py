import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom import roles
from newsroom.accounts import twofactor
from newsroom.accounts.models import SignInSession

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-thu-nghiem"
LOGIN = "/admin/login/"


def sign_in(client, username, password=PASSWORD, ip="198.51.100.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": extra.pop("next", "/admin/")},
        REMOTE_ADDR=ip,
        **extra,
    )


def current_code(device, at=None):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at.timestamp()
    return f"{totp.token():06d}"


@pytest.fixture
def confirmed_device(editor):
    return TOTPDevice.objects.create(user=editor, name="Điện thoại", confirmed=True)


# --- throttling and lockout -------------------------------------------------


def test_the_right_password_is_refused_after_five_wrong_ones(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        assert sign_in(client, "bientap", "sai-mat-khau").status_code == 200
    assert sign_in(client, "bientap", "sai-mat-khau").status_code == 429
    response = sign_in(client, "bientap")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Tạm khoá đăng nhập" in html
    assert "Đã nhập sai mật khẩu 5 lần" in html
    assert "trong 15 phút" in html
    assert "_auth_user_id" not in client.session


def test_a_user_name_is_locked_out_whichever_address_guesses(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for number in range(3):
        sign_in(Client(), "bientap", "sai", ip=f"203.0.113.{number + 1}")
    assert sign_in(client, "bientap", ip="192.0.2.200").status_code == 429


def test_an_address_is_locked_out_whichever_user_name_it_tries(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for number in range(3):
        sign_in(Client(), f"khong-co-{number}", "sai", ip="203.0.113.50")
    assert sign_in(client, "bientap", ip="203.0.113.50").status_code == 429
    assert sign_in(Client(), "bientap", ip="203.0.113.51").status_code == 302


def test_the_lockout_ends_after_the_cool_off_time(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(2):
            sign_in(client, "bientap", "sai")
        assert sign_in(client, "bientap").status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert sign_in(client, "bientap").status_code == 302


def test_behind_the_proxy_the_client_address_is_counted_not_the_proxy(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        sign_in(
            client,
            "khong-co",
            "sai",
            ip="127.0.0.1",
            HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.77",
        )
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address == "203.0.113.77"
    # Another reader behind the same nginx is not locked out with them.
    other = sign_in(Client(), "bientap", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_count(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    for forged in ("1.1.1.1", "2.2.2.2"):
        sign_in(
            client,
            f"ten-{forged}",
            "sai",
            ip="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.77",
        )
    response = sign_in(
        client, "bientap", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="3.3.3.3, 203.0.113.77"
    )
    assert response.status_code == 429


def test_without_trusted_proxies_the_forwarded_header_is_ignored(rf, settings):
    from newsroom.network import client_ip

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.1"
    )
    assert client_ip(request) == "203.0.113.5"
    # Fewer hops than proxies: the request bypassed one; use the peer.
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "10.0.0.2"


def test_an_administrator_unlocks_from_the_admin(client, editor, admin_client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        sign_in(client, "bientap", "sai")
    assert sign_in(client, "bientap").status_code == 429
    changelist = reverse("admin:accounts_lockedsignin_changelist")
    page = admin_client.get(changelist)
    assert page.status_code == 200
    assert "Mở khoá đăng nhập cho các dòng đã chọn" in page.content.decode()
    response = admin_client.post(
        changelist,
        {"action": "unlock", "_selected_action": [AccessAttempt.objects.get().pk]},
        follow=True,
    )
    assert "Đã mở khoá" in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, "bientap").status_code == 302


def test_editors_cannot_see_or_clear_the_lockouts(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:accounts_lockedsignin_changelist")).status_code == 403


# --- where a sign-in lands -----------------------------------------------------


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", ""])
def test_a_refused_or_missing_next_lands_in_the_newsroom(client, editor, next_url):
    response = sign_in(client, "bientap", next=next_url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_safe_next_is_followed(client, editor):
    response = sign_in(client, "bientap", next="/admin/articles/article/")
    assert response["Location"] == "/admin/articles/article/"


# --- two-factor sign-in --------------------------------------------------------


def test_a_user_with_an_authenticator_is_asked_for_a_code(client, editor, confirmed_device):
    sign_in(client, "bientap")
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302
    assert (
        response["Location"] == "/admin/tai-khoan/xac-thuc/?next=%2Fadmin%2Farticles%2Farticle%2F"
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Xác thực hai bước" in html
    assert "Mã xác thực" in html
    assert 'id="site-name"' in html  # the admin's look


def test_a_wrong_code_is_refused_in_vietnamese(client, editor, confirmed_device):
    sign_in(client, "bientap")
    response = client.post(reverse("accounts:verify"), {"token": "000000", "next": "/admin/"})
    assert response.status_code == 200
    assert "Mã không đúng" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_right_code_opens_the_newsroom_and_the_next_page(client, editor, confirmed_device):
    sign_in(client, "bientap")
    response = client.post(
        reverse("accounts:verify"),
        {"token": current_code(confirmed_device), "next": "/admin/articles/article/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, editor, confirmed_device):
    codes = twofactor.new_recovery_codes(editor)
    sign_in(client, "bientap")
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    again = Client()
    sign_in(again, "bientap")
    refused = again.post(reverse("accounts:verify"), {"token": codes[0]})
    assert refused.status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_an_unverified_session_cannot_post_to_the_admin(client, editor, confirmed_device):
    sign_in(client, "bientap")
    response = client.post("/admin/articles/article/add/", {"title": "x"})
    assert response.status_code == 403


def test_an_unverified_session_is_anonymous_on_public_pages(client, editor, confirmed_device):
    from tests.articles.factories import ArticleFactory

    draft = ArticleFactory()
    sign_in(client, "bientap")
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.post(reverse("accounts:verify"), {"token": current_code(confirmed_device)})
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_set_up_cannot_be_used_to_skip_the_code(client, editor, confirmed_device):
    sign_in(client, "bientap")
    response = client.get(reverse("accounts:enrol"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")
    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_users_without_an_authenticator_are_not_asked(client, editor):
    sign_in(client, "bientap")
    assert client.get("/admin/").status_code == 200


def test_required_roles_must_set_up_an_authenticator_first(client, editor, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = [roles.EDITOR]
    sign_in(client, "bientap")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:enrol"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "bắt buộc dùng xác thực hai bước" in html
    assert 'src="data:image/svg+xml' in html
    assert "Cấu hình trang" not in html  # no model list before sign-in is complete
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    confirmed = client.post(
        reverse("accounts:enrol"), {"token": current_code(device), "next": "/admin/"}
    )
    assert confirmed.status_code == 302
    codes_page = client.get(confirmed["Location"])
    codes_html = codes_page.content.decode()
    assert "Mã dự phòng" in codes_html
    assert codes_html.count("<li><code>") == twofactor.RECOVERY_CODE_COUNT
    # Shown once only.
    assert client.get(confirmed["Location"]).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_roles_not_named_are_not_required(client, reporter, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = [roles.EDITOR, "superuser"]
    sign_in(client, "phongvien")
    assert client.get("/admin/").status_code == 200


def test_superusers_are_required_when_named(client, settings, django_user_model):
    settings.TWO_FACTOR_REQUIRED_FOR = ["superuser"]
    django_user_model.objects.create_superuser("quantri", "qt@example.vn", PASSWORD)
    sign_in(client, "quantri")
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:enrol"))


def test_a_required_user_cannot_turn_it_off(client, editor, confirmed_device, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = [roles.EDITOR]
    sign_in(client, "bientap")
    client.post(reverse("accounts:verify"), {"token": current_code(confirmed_device)})
    client.post(reverse("accounts:turn_off"), {"token": current_code(confirmed_device)})
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_a_volunteer_turns_it_off_with_a_code(client, editor, confirmed_device):
    codes = twofactor.new_recovery_codes(editor)
    sign_in(client, "bientap")
    client.post(reverse("accounts:verify"), {"token": current_code(confirmed_device)})
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Đang bật. Còn 10 mã dự phòng" in page
    client.post(reverse("accounts:turn_off"), {"token": codes[0]})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_an_administrator_resets_a_lost_authenticator(admin_client, editor, confirmed_device):
    twofactor.new_recovery_codes(editor)
    changelist = reverse("admin:accounts_twofactordevice_changelist")
    assert "Ứng dụng xác thực hai bước" in admin_client.get(changelist).content.decode()
    admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [confirmed_device.pk], "post": "yes"},
    )
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()


def test_a_reset_authenticator_no_longer_holds_a_signed_in_user(client, editor, confirmed_device):
    sign_in(client, "bientap")
    assert client.get("/admin/").status_code == 302
    confirmed_device.delete()
    response = client.get(reverse("accounts:verify"), {"next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_required_groups_come_from_the_setting_not_the_database(editor, settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["Nhóm không có"]
    Group.objects.create(name="Nhóm không có")
    assert twofactor.is_required(editor) is False


# --- sessions -------------------------------------------------------------------


def test_a_session_ends_after_the_idle_timeout(client, editor, settings):
    settings.SESSION_COOKIE_AGE = 10 * 60
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        sign_in(client, "bientap")
    # Used every few minutes: still signed in well past the first ten minutes.
    for minutes in (6, 12, 18):
        with time_machine.travel(start + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=18 + 11), tick=False):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_sign_out_everywhere_ends_the_other_sessions_only(editor):
    here, phone, laptop = Client(), Client(), Client()
    for browser in (here, phone, laptop):
        assert sign_in(browser, "bientap").status_code == 302
    assert SignInSession.objects.filter(user=editor).count() == 3
    page = here.get(reverse("accounts:security")).content.decode()
    assert "Đăng xuất khỏi mọi thiết bị" in page
    response = here.post(reverse("accounts:sign_out_everywhere"), follow=True)
    assert "Đã đăng xuất 2 phiên đăng nhập khác." in response.content.decode()
    assert here.get("/admin/").status_code == 200
    assert phone.get("/admin/").status_code == 302
    assert laptop.get("/admin/").status_code == 302
    assert SignInSession.objects.filter(user=editor).count() == 1


def test_signing_out_forgets_the_session(client, editor):
    sign_in(client, "bientap")
    client.post("/admin/logout/")
    assert not SignInSession.objects.filter(user=editor).exists()


def test_security_page_is_linked_from_the_admin(client, editor):
    client.force_login(editor)
    assert 'href="/admin/tai-khoan/"' in client.get("/admin/").content.decode()


def test_reader_pages_set_no_cookie_and_read_no_session(client):
    response = client.get("/")
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")

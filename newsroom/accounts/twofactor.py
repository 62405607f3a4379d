"""Two-factor sign-in (TOTP from an authenticator app, plus one-time recovery codes).

Who must use it is a deployment setting, ``TWO_FACTOR_REQUIRED_FOR``: a list of
"superuser" and role (group) names. It is not a switch in the admin on purpose: a
stolen administrator password must not be enough to turn the requirement off.
Everyone else may turn it on for themselves.

Whether a signed-in user still owes a code is decided at sign-in and kept in the
session (``TWO_FACTOR_STATE_KEY``), so no request pays a query to ask again.
"""

import base64

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TWO_FACTOR_STATE_KEY = "_two_factor"
VERIFY = "verify"  # has a confirmed device: must enter a code
ENROL = "enrol"  # required by policy, has no device yet: must set one up
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã dự phòng"


def is_required(user):
    required = set(settings.TWO_FACTOR_REQUIRED_FOR)
    if not required or not user.is_staff:
        return False
    if user.is_superuser and "superuser" in required:
        return True
    return user.groups.filter(name__in=required).exists()


def state_for(user):
    if user_has_device(user, confirmed=True):
        return VERIFY
    if is_required(user):
        return ENROL
    return None


def remember_state(request, user):
    state = state_for(user)
    if state:
        request.session[TWO_FACTOR_STATE_KEY] = state
    else:
        request.session.pop(TWO_FACTOR_STATE_KEY, None)


def on_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_state(request, user)


def pending_device(user):
    """The unconfirmed authenticator being set up, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_code_data_uri(device):
    """The otpauth:// address as an SVG QR code (a data: image, allowed by our CSP)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device):
    """The key in base32, in groups of four, for authenticator apps without a camera."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_recovery_codes(user):
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def turn_off(user):
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def safe_next(request, default=None):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("admin:index")


class TwoFactorMiddleware:
    """Holds a signed-in user who still owes a code (or a device) at the door.

    Staff paths (``STAFF_PATH_PREFIXES``: the admin, the editor's endpoints) redirect
    to the verification or set-up page; on public pages the user is anonymous, so a
    half-signed-in session cannot preview drafts. Runs after django-otp's middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            state = request.session.get(TWO_FACTOR_STATE_KEY)
            if state and request.session.get("_auth_user_id") and not request.user.is_verified():
                held = self._hold(request, state)
                if held is not None:
                    return held
        return self.get_response(request)

    @staticmethod
    def _hold(request, state):
        path = request.path_info
        open_paths = [
            reverse("accounts:verify"),
            reverse("accounts:enrol"),
            reverse("admin:logout"),
            reverse("admin:jsi18n"),
        ]
        if path in open_paths:
            return None
        if not path.startswith(tuple(settings.STAFF_PATH_PREFIXES)):
            request.user = AnonymousUser()
            return None
        if request.method != "GET":
            return HttpResponseForbidden("Cần xác thực hai bước trước khi thao tác.")
        page = "accounts:verify" if state == VERIFY else "accounts:enrol"
        return HttpResponseRedirect(
            f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}"
        )

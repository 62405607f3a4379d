"""The signed-in user's security pages, in the admin's look."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticToken

from . import twofactor
from .forms import TokenForm
from .models import SignInSession
from .sessions import sign_out_elsewhere

CODES_SESSION_KEY = "_recovery_codes"
# django-otp slows guessing down: each wrong code doubles the wait before the next.
WAIT_MESSAGE = "Đã nhập sai mã. Vui lòng đợi vài giây rồi nhập mã mới."


def _render(request, template, title, **context):
    return TemplateResponse(
        request,
        f"accounts/{template}",
        {**admin.site.each_context(request), "title": title, **context},
    )


def _render_at_the_door(request, template, title, **context):
    """Pages for a user not yet through sign-in: no list of the newsroom's models."""
    return _render(request, template, title, is_nav_sidebar_enabled=False, **context)


def _owes_code(request):
    return (
        request.session.get(twofactor.TWO_FACTOR_STATE_KEY) == twofactor.VERIFY
        and not request.user.is_verified()
    )


@staff_member_required
def verify(request):
    if request.method == "GET":
        # An administrator may have reset the user's authenticator since sign-in.
        twofactor.remember_state(request, request.user)
    if request.user.is_verified() or not request.session.get(twofactor.TWO_FACTOR_STATE_KEY):
        return redirect(twofactor.safe_next(request))
    if request.session.get(twofactor.TWO_FACTOR_STATE_KEY) == twofactor.ENROL:
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(twofactor.safe_next(request))
        form.add_error(
            "token",
            "Mã không đúng, đã dùng hoặc đã hết hạn. Đợi vài giây, chờ mã mới trong ứng dụng "
            "rồi nhập lại.",
        )
    return _render_at_the_door(
        request,
        "verify.html",
        "Xác thực hai bước",
        form=form,
        next=twofactor.safe_next(request),
    )


@staff_member_required
def enrol(request):
    if _owes_code(request):
        return redirect("accounts:verify")
    if user_has_device(request.user, confirmed=True):
        messages.info(request, "Tài khoản đã bật xác thực hai bước.")
        return redirect("accounts:security")
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", WAIT_MESSAGE)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            twofactor.remember_state(request, request.user)
            request.session[CODES_SESSION_KEY] = twofactor.new_recovery_codes(request.user)
            messages.success(request, "Đã bật xác thực hai bước.")
            query = urlencode({"next": twofactor.safe_next(request)})
            return redirect(f"{reverse('accounts:recovery_codes')}?{query}")
        else:
            form.add_error("token", "Mã không khớp. Kiểm tra giờ trên điện thoại và nhập mã mới.")
    return _render_at_the_door(
        request,
        "enrol.html",
        "Bật xác thực hai bước",
        form=form,
        qr_code=twofactor.qr_code_data_uri(device),
        secret=twofactor.secret_for_typing(device),
        required=twofactor.is_required(request.user),
        next=twofactor.safe_next(request),
    )


@staff_member_required
def recovery_codes(request):
    codes = request.session.pop(CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:security")
    return _render(
        request,
        "recovery_codes.html",
        "Mã dự phòng",
        codes=codes,
        next=twofactor.safe_next(request),
    )


@require_POST
@staff_member_required
def regenerate_codes(request):
    if not request.user.is_verified():
        return redirect("accounts:security")
    request.session[CODES_SESSION_KEY] = twofactor.new_recovery_codes(request.user)
    return redirect("accounts:recovery_codes")


@require_POST
@staff_member_required
def turn_off(request):
    if twofactor.is_required(request.user):
        messages.error(request, "Tài khoản của bạn bắt buộc dùng xác thực hai bước.")
        return redirect("accounts:security")
    form = TokenForm(request.POST)
    if not form.is_valid() or match_token(request.user, form.cleaned_data["token"]) is None:
        messages.error(request, "Mã không đúng: xác thực hai bước vẫn bật.")
        return redirect("accounts:security")
    twofactor.turn_off(request.user)
    twofactor.remember_state(request, request.user)
    messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("accounts:security")


@require_POST
@staff_member_required
def sign_out_everywhere(request):
    count = sign_out_elsewhere(request.user, request.session.session_key)
    if count:
        messages.success(request, f"Đã đăng xuất {count} phiên đăng nhập khác.")
    else:
        messages.info(request, "Không có phiên đăng nhập nào khác.")
    return redirect("accounts:security")


@staff_member_required
def security(request):
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    return _render(
        request,
        "security.html",
        "Bảo mật tài khoản",
        has_device=has_device,
        required=twofactor.is_required(user),
        codes_left=StaticToken.objects.filter(device__user=user).count() if has_device else 0,
        sessions=SignInSession.objects.filter(user=user),
        current_key=request.session.session_key,
        token_form=TokenForm(),
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): 429, in Vietnamese."""
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    response = _render_at_the_door(
        request,
        "lockout.html",
        "Tạm khoá đăng nhập",
        failure_limit=get_failure_limit(request, credentials),
        cooloff_minutes=int(cool_off.total_seconds() // 60) if cool_off else None,
    )
    response.status_code = 429
    # Returned from django-axes' authentication hook, outside the view's rendering.
    response.render()
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response

"""Demo accounts and publisher details for ``manage.py seed_demo``."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsroom import roles
from newsroom.models import Publisher

ACCOUNTS = [
    # username, first name, last name, group (None: administrator)
    ("quantri", "Quản trị", "Hệ thống", None),
    ("phongvien", "Trọng Tuấn", "Nguyễn", roles.REPORTER),
    ("bientap", "Thu Hà", "Lê", roles.EDITOR),
    ("hoso", "Minh Đức", "Trần", roles.RECORDS),
]


def seed_accounts(log):
    User = get_user_model()
    fixed_password = settings.DEMO_PASSWORD
    for username, first_name, last_name, group_name in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        role = group_name or "Quản trị viên"
        if user is None:
            password = fixed_password or secrets.token_urlsafe(9)
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@example.vn",
                is_staff=True,
                is_superuser=group_name is None,
            )
            user.set_password(password)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            log(f"  {role:<15} tài khoản: {username:<10} mật khẩu: {password}")
        elif fixed_password:
            user.set_password(fixed_password)
            user.save(update_fields=["password"])
            log(f"  {role:<15} tài khoản: {username:<10} mật khẩu: {fixed_password}")
        else:
            log(
                f"  {role:<15} tài khoản: {username:<10} (đã có; mật khẩu đã in lần tạo đầu — "
                f"đặt lại bằng: manage.py changepassword {username})"
            )


def seed_publisher(log):
    publisher = Publisher.objects.current()
    if publisher.pk:
        log("  đã có thông tin cơ quan, giữ nguyên")
        return
    publisher.site_name = "Cổng thông tin điện tử Công an tỉnh Nghệ An (bản trình diễn)"
    publisher.governing_body = "Công an tỉnh Nghệ An"
    publisher.responsible_person = "Đại tá Nguyễn Văn A, Phó Giám đốc (dữ liệu mẫu)"
    publisher.licence = "Giấy phép số 00/GP-TTĐT (dữ liệu mẫu)"
    publisher.address = "Số 1 đường Mẫu, thành phố Vinh, tỉnh Nghệ An"
    publisher.phone = "0238 000 000"
    publisher.hotline = "0238 000 113"
    publisher.email = "toasoan@example.vn"
    publisher.save()
    log("  đã tạo thông tin cơ quan")

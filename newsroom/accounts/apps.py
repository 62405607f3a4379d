from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsroom.accounts"
    label = "accounts"
    verbose_name = "Đăng nhập và bảo mật"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import sessions, twofactor

        user_logged_in.connect(sessions.record_sign_in, dispatch_uid="accounts.sign_in")
        user_logged_in.connect(twofactor.on_sign_in, dispatch_uid="accounts.two_factor")
        user_logged_out.connect(sessions.forget_sign_in, dispatch_uid="accounts.sign_out")

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from newsroom import roles

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_migration_creates_the_three_roles():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Phóng viên",
        "Biên tập viên",
        "Quản lý hồ sơ",
    }


def test_reporter_may_not_delete_sections_but_editor_may():
    assert "articles.view_section" in codenames(roles.REPORTER)
    assert "articles.delete_section" not in codenames(roles.REPORTER)
    assert "articles.delete_section" in codenames(roles.EDITOR)


def test_editor_may_change_publisher_details_but_reporter_may_not():
    assert "newsroom.change_publisher" in codenames(roles.EDITOR)
    assert "newsroom.change_publisher" not in codenames(roles.REPORTER)


def test_sync_roles_is_idempotent_and_restores_removed_permissions():
    from django.apps import apps

    reporter = Group.objects.get(name=roles.REPORTER)
    reporter.permissions.clear()
    roles.sync_roles(apps)
    roles.sync_roles(apps)
    assert "articles.view_section" in codenames(roles.REPORTER)
    assert Group.objects.filter(name=roles.REPORTER).count() == 1


def test_seed_demo_creates_one_account_per_role_and_is_idempotent(monkeypatch, capsys):
    from django.contrib.auth import get_user_model

    monkeypatch.setattr(settings, "DEMO_PASSWORD", "")
    call_command("seed_demo")
    first = capsys.readouterr().out
    call_command("seed_demo")
    second = capsys.readouterr().out

    User = get_user_model()
    assert (
        User.objects.filter(username__in=["quantri", "phongvien", "bientap", "hoso"]).count() == 4
    )
    assert User.objects.get(username="quantri").is_superuser
    assert User.objects.get(username="phongvien").groups.get().name == roles.REPORTER
    assert "mật khẩu:" in first
    assert "[1/" in first
    assert "đã có" in second
    assert User.objects.count() == 4


def test_seed_demo_uses_demo_password_when_given(monkeypatch):
    from django.contrib.auth import get_user_model

    monkeypatch.setattr(settings, "DEMO_PASSWORD", "matkhau-trinh-dien")
    call_command("seed_demo")
    assert get_user_model().objects.get(username="bientap").check_password("matkhau-trinh-dien")

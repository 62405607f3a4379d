"""Import a folder of finished articles (.docx, .txt) as drafts, through the one write path."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.models import Section
from importer import importing
from importer.errors import ImportRefused
from newsroom.roles import staff_may

SUFFIXES = (".docx", ".txt")
BAR = 30


class Command(BaseCommand):
    help = (
        "Nhập các tệp .docx/.txt trong một thư mục thành bản nháp của một phóng viên, qua "
        "cùng đường ghi như trang «Nhập bài»; chấp nhận các gợi ý hồ sơ mà phần mềm đề xuất."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--user", required=True, help="tên đăng nhập của người nhập")
        parser.add_argument(
            "--section", help="đường dẫn (slug) của chuyên mục; mặc định chuyên mục đầu tiên"
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="ngày của các bài (YYYY-MM-DD), để đối chiếu hồ sơ; mặc định hôm nay",
        )
        parser.add_argument(
            "--legacy",
            choices=["skip", "tcvn3", "vni", "keep"],
            default="skip",
            help="tệp gõ bằng bảng mã cũ: bỏ qua (mặc định), chuyển từ TCVN3 hay VNI, "
            "hoặc giữ nguyên",
        )
        parser.add_argument(
            "--request-records",
            action="store_true",
            help="chuyển cán bộ chưa có trong hồ sơ cho bộ phận hồ sơ",
        )

    def handle(self, folder, user, section, date, legacy, request_records, **options):
        if not folder.is_dir():
            raise CommandError(f"Không có thư mục {folder}.")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"Không có tài khoản «{user}».")
        sections = Section.objects.order_by("position", "name")
        chosen = sections.filter(slug=section).first() if section else sections.first()
        if chosen is None:
            raise CommandError("Không có chuyên mục này." if section else "Chưa có chuyên mục.")
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
        day = date or datetime.date.today()
        created, refused = [], []
        for number, path in enumerate(files, start=1):
            self._progress(number - 1, len(files), path.name)
            try:
                article = self._import(path, account, chosen, day, legacy, request_records)
            except (ImportRefused, ValidationError, PermissionDenied) as error:
                refused.append((path.name, _message(error)))
            else:
                created.append((path.name, article))
        self._progress(len(files), len(files), "")
        self.stderr.write("")
        self.stdout.write(f"Đã nhập {len(created)}/{len(files)} tệp thành bản nháp.")
        for name, article in created:
            self.stdout.write(f"  ✓ {name}: “{article.title}” (bài số {article.pk})")
        for name, reason in refused:
            self.stdout.write(f"  ✗ {name}: {reason}")

    def _import(self, path, user, section, day, legacy, request_records):
        encoding = legacy if legacy in ("tcvn3", "vni") else None
        document, source = importing.read(
            data=path.read_bytes(), filename=path.name, legacy_encoding=encoding
        )
        if document.legacy and legacy == "skip":
            raise ImportRefused(
                f"{document.legacy.message} Chạy lại với --legacy={document.legacy.encoding} "
                "để chuyển, hoặc --legacy=keep để giữ nguyên."
            )
        staging = importing.stage(document, day, source, path.name)
        decisions = importing.default_decisions(staging, section.pk)
        if not decisions.title:
            staging.discard()
            raise ImportRefused("Không nhận ra tiêu đề bài.")
        if not staff_may(user, "articles.add_author"):
            # Names without an author are left for an editor to add.
            decisions.bylines = [b for b in decisions.bylines if b.author_id is not None]
        if request_records:
            decisions.requests = {s.key for s in staging.result.unknown_officials()}
        try:
            return importing.create_draft(staging, user, decisions)
        except (ValidationError, PermissionDenied):
            staging.discard()
            raise

    def _progress(self, done, total, name):
        filled = BAR * done // total if total else BAR
        bar = "█" * filled + "░" * (BAR - filled)
        self.stderr.write(f"\r{bar} {done}/{total} {name[:40]:<40}", ending="")
        self.stderr.flush()


def _message(error):
    if isinstance(error, ImportRefused):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)

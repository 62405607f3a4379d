from datetime import timedelta

from django.core.management.base import BaseCommand

from newsroom import media


class Command(BaseCommand):
    help = (
        "List media files no record refers to and partial files left by interrupted "
        "uploads; --delete removes them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove what is found")
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=None,
            help="ignore files younger than this (default: MEDIA_CLEANUP_GRACE_HOURS, 24)",
        )

    def handle(self, *args, delete=False, grace_hours=None, **options):
        grace = timedelta(hours=grace_hours) if grace_hours is not None else None
        report = media.clean(delete=delete, grace=grace)
        for found in report.partials:
            self.stdout.write(f"partial  {found.size:>12}  {found.name}")
        for found in report.orphans:
            self.stdout.write(f"orphan   {found.size:>12}  {found.name}")
        self.stdout.write(report.summary())
        if (report.orphans or report.partials) and not delete:
            self.stdout.write("Run again with --delete to remove them.")

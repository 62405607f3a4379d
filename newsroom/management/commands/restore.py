from django.core.management.base import BaseCommand, CommandError

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an EMPTY database and media "
        "folder (--force replaces what is there), then compare counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the backup folder (newsroom-YYYYmmdd-HHMMSS)")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument("--media-root", default=None, help="default: MEDIA_ROOT")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database or media folder that is not empty",
        )

    def handle(self, *args, folder, database, media_root, force, **options):
        try:
            differences = backup.restore(folder, alias=database, media_root=media_root, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if differences:
            for line in differences:
                self.stderr.write(line)
            raise CommandError(f"Restored, but {len(differences)} difference(s) from the backup.")
        self.stdout.write("Restored; row counts and media checksums match the backup.")

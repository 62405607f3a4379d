from django.core.management.base import BaseCommand, CommandError

from newsroom import backup


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump custom format; SQLite: online backup) "
        "and the media folder, with a manifest of row counts and SHA-256 checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="folder in which the backup folder is made")
        parser.add_argument("--database", default="default", help="database alias")
        parser.add_argument("--media-root", default=None, help="default: MEDIA_ROOT")

    def handle(self, *args, destination, database, media_root, **options):
        try:
            folder, manifest = backup.backup(destination, alias=database, media_root=media_root)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{folder}\n{rows} rows in {len(manifest['counts'])} tables, "
            f"{len(manifest['media'])} media files"
        )

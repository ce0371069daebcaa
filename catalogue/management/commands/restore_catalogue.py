"""Load a backup made by backup_catalogue into an empty database: see catalogue/backup.py."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from catalogue.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_catalogue into this database, which must be migrated "
        "(with the same migrations as the backup) and empty; --flush empties it first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--flush", action="store_true", help="Delete everything in the database first."
        )

    def handle(self, *args, file, database, flush=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        if flush:
            call_command("flush", database=database, interactive=False, verbosity=0)
        try:
            count = restore(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"{file}: {count} rows restored"))

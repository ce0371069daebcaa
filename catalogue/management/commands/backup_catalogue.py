"""Write the whole catalogue to a file (JSON Lines, .gz to compress): see catalogue/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand

from catalogue.backup import backup


class Command(BaseCommand):
    help = (
        "Back up the whole catalogue (entries, reuse measurement, history, pending changes, "
        "users and memberships) to FILE, exactly; FILE ending in .gz is compressed. Restore "
        "with restore_catalogue."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--database", default="default")

    def handle(self, *args, file, database, **options):
        count = backup(Path(file), using=database)
        self.stdout.write(self.style.SUCCESS(f"{file}: {count} rows"))

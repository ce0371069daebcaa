from django.core.management.base import BaseCommand, CommandError

from catalogue.demo import DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo catalogue written from the Smals 2020 activity report."

    def handle(self, *args, **options):
        try:
            summary = load_demo()
        except DemoDataError as exc:
            raise CommandError(f"Demo data is inconsistent: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))

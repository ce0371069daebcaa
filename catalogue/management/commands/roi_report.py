import json

from django.core.management.base import BaseCommand, CommandError

from catalogue.savings import tables
from catalogue.savings.measurement import measured_years, year_measurement
from catalogue.savings.reports import year_report


class Command(BaseCommand):
    help = "Print the reuse savings of a measured year (text, JSON or the projects table as CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Measured year (default: the latest).")
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text")

    def handle(self, *args, **options):
        year = options["year"]
        if year is None:
            year = measured_years().values_list("year", flat=True).first()
            if year is None:
                raise CommandError("No measured year is recorded.")
        measurement = year_measurement(year)
        if measurement is None:
            known = ", ".join(str(y) for y in measured_years().values_list("year", flat=True))
            raise CommandError(f"No measurement for {year}. Measured years: {known or 'none'}.")
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(year_report(measurement), indent=2, ensure_ascii=False))
        elif fmt == "csv":
            tables.write_csv("projects", measurement, self.stdout)
        else:
            self.stdout.write(tables.text_report(measurement), ending="")

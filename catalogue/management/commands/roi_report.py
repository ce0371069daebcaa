import csv
import json

from django.core.management.base import BaseCommand, CommandError

from catalogue.reports import year_report, year_report_text
from catalogue.selectors import measured_years, year_measurement


class Command(BaseCommand):
    help = "Print the reuse savings of a measured year (text, JSON or CSV)."

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
            report = year_report(measurement)
            columns = [
                "name", "new_fp", "reused_fp", "reuse_share", "cost_without_reuse_eur",
                "actual_cost_eur", "cost_avoided_eur",
            ]  # fmt: skip
            writer = csv.writer(self.stdout)
            writer.writerow(["project", *columns[1:]])
            for project in report["projects"]:
                writer.writerow([project[column] for column in columns])
            writer.writerow(["TOTAL", *[report[column] for column in columns[1:]]])
        else:
            self.stdout.write(year_report_text(measurement), ending="")

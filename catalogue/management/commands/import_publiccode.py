"""Import (or only check) publiccode.yml files into the catalogue, as drafts."""

import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Institution
from catalogue.publiccode.importer import import_publiccode
from catalogue.publiccode.validator import MAX_FILE_BYTES

FETCH_TIMEOUT = 20


def read_source(source: str) -> tuple[bytes, Path | None]:
    if source.startswith(("http://", "https://")):
        # Only http(s) reaches this point (checked just above).
        request = urllib.request.Request(  # noqa: S310
            source, headers={"User-Agent": "ReUse publiccode importer"}
        )
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            content = response.read(MAX_FILE_BYTES + 1)
        return content, None
    if "://" in source:
        raise CommandError(f"{source}: only local paths and http(s) URLs can be imported")
    path = Path(source)
    with path.open("rb") as handle:
        content = handle.read(MAX_FILE_BYTES + 1)
    return content, path.resolve().parent


class Command(BaseCommand):
    help = (
        "Validate publiccode.yml files (paths or http(s) URLs) and create or update the "
        "components they describe, as drafts owned by --institution (a published entry of "
        "that institution gets a change for review). With --check, only "
        "validate: nothing is written, and the exit status is 1 when a file is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--institution", help="Slug of the owning institution.")
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args, sources, institution=None, check=False, **options):
        owner = None
        if not check:
            if not institution:
                raise CommandError("--institution is required to import (or use --check).")
            owner = Institution.objects.filter(slug=institution).first()
            if owner is None:
                raise CommandError(f"No institution with slug {institution!r}.")
        failures = 0
        for source in sources:
            try:
                content, base_dir = read_source(source)
            except (OSError, ValueError) as exc:
                failures += 1
                self.stderr.write(f"{source}: cannot read: {exc}")
                continue
            result = import_publiccode(
                content, institution=owner, source=source, base_dir=base_dir, check_only=check
            )
            report = result.report
            for warning in report.warnings:
                self.stdout.write(f"{source}: warning: {warning}")
            if not report.valid:
                failures += 1
                for error in report.errors:
                    self.stderr.write(f"{source}: error: {error}")
                self.stderr.write(f"{source}: invalid, nothing written")
                continue
            if check:
                self.stdout.write(f"{source}: valid")
                continue
            if result.proposed:
                message = f"submitted a change to “{result.component.slug}” for review"
            elif result.component.is_published:
                message = f"no change to “{result.component.slug}”"
            else:
                action = "created" if result.created else "updated"
                message = f"{action} draft “{result.component.slug}”"
            self.stdout.write(self.style.SUCCESS(f"{source}: {message}"))
            for note in result.notes:
                self.stdout.write(f"{source}: note: {note}")
        if failures:
            raise CommandError(f"{failures} of {len(sources)} file(s) could not be imported.")

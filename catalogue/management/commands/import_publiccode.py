"""Import (or only check) publiccode.yml files into the catalogue, as drafts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Institution
from catalogue.publiccode.importer import import_publiccode
from catalogue.publiccode.repository import (
    LocalCheckout,
    Unreachable,
    http_fetch,
    open_repository,
)
from catalogue.publiccode.validator import MAX_FILE_BYTES


def read_source(source: str, fetch=http_fetch) -> tuple[bytes, LocalCheckout | None]:
    """The file's bytes and, for a local file at the root of a git checkout, that checkout."""
    if source.startswith(("http://", "https://")):
        content = fetch(source, MAX_FILE_BYTES + 1)
        if content is None:
            raise OSError("not found (HTTP 404)")
        return content, None
    if "://" in source:
        raise CommandError(f"{source}: only local paths and http(s) URLs can be imported")
    path = Path(source)
    with path.open("rb") as handle:
        content = handle.read(MAX_FILE_BYTES + 1)
    # A publiccode.yml sits at its repository's root: beside a .git folder, its folder is the
    # repository. Anywhere else the file is read alone (relative paths give warnings).
    folder = path.resolve().parent
    return content, LocalCheckout(folder) if (folder / ".git").exists() else None


class Command(BaseCommand):
    help = (
        "Validate publiccode.yml files (paths or http(s) URLs) and create or update the "
        "components they describe, as drafts owned by --institution (a published entry of "
        "that institution gets a change for review). With --check, only validate: nothing is "
        "written, and the exit status is 1 when a file is invalid. Files the document names by "
        "relative path (logo, screenshots) are checked in --repository (a local checkout or a "
        "base URL), or in the file's folder when it is a git checkout; otherwise they are "
        "reported as warnings."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--institution", help="Slug of the owning institution.")
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")
        parser.add_argument(
            "--repository",
            metavar="DIR_OR_URL",
            help="The software's repository: a local checkout, or the base URL of its files.",
        )

    def handle(self, *args, sources, institution=None, check=False, repository=None, **options):
        owner = None
        if not check:
            if not institution:
                raise CommandError("--institution is required to import (or use --check).")
            owner = Institution.objects.filter(slug=institution).first()
            if owner is None:
                raise CommandError(f"No institution with slug {institution!r}.")
        try:
            given_repository = open_repository(repository)
        except ValueError as exc:
            raise CommandError(f"--repository: {exc}") from exc
        failures = 0
        for source in sources:
            try:
                content, checkout = read_source(source)
            except (OSError, ValueError, Unreachable) as exc:
                failures += 1
                self.stderr.write(f"{source}: cannot read: {exc}")
                continue
            result = import_publiccode(
                content,
                institution=owner,
                source=source,
                repository=given_repository or checkout,
                check_only=check,
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
            for line in result.report_lines():  # what became of each key (issue 11)
                self.stdout.write(f"{source}: {line}")
        if failures:
            raise CommandError(f"{failures} of {len(sources)} file(s) could not be imported.")

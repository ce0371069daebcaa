"""Harvest the registered publiccode.yml sources (for cron: idempotent, bounded, logged)."""

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import HarvestSource, HarvestStatus, Institution
from catalogue.publiccode.harvest import harvest

FAILED = (HarvestStatus.INVALID, HarvestStatus.UNREACHABLE)


class Command(BaseCommand):
    help = (
        "Fetch the publiccode.yml of every active harvest source (conditional requests), "
        "validate it and turn changes into drafts or pending changes for review. A source "
        "that is invalid or unreachable is flagged and logged; its entry is kept as it was. "
        "Safe to run from cron: a run over unchanged sources changes nothing but its log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--institution", metavar="SLUG", help="Only this institution's.")
        parser.add_argument(
            "--workers", type=int, default=None, help="Parallel fetches (HARVEST_WORKERS)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Fetch and check even unchanged sources."
        )

    def handle(self, *args, institution=None, workers=None, force=False, **options):
        if workers is not None and not 1 <= workers <= 32:
            raise CommandError("--workers must be between 1 and 32.")
        sources = HarvestSource.objects.filter(active=True)
        owner = None
        if institution:
            owner = Institution.objects.filter(slug=institution).first()
            if owner is None:
                raise CommandError(f"No institution with slug {institution!r}.")
            sources = sources.filter(institution=owner)

        def show(log):
            stream = self.stderr if log.status in FAILED else self.stdout
            stream.write(f"{log.source.url}: {log.status}: {log.message}")
            for problem in log.problems:
                stream.write(f"{log.source.url}:   {problem}")
            for line in log.report:
                self.stdout.write(f"{log.source.url}:   {line}")

        run = harvest(sources, workers=workers, force=force, institution=owner, on_result=show)
        counts = {status: run.logs.filter(status=status).count() for status in HarvestStatus}
        summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        self.stdout.write(f"harvest run {run.pk}: {summary or 'no active source'}")

import time

from django.core.management.base import BaseCommand, CommandError

from catalogue import synthetic


class Command(BaseCommand):
    help = (
        "Generate a synthetic catalogue of N components for benchmarks and load tests "
        "(marked as synthetic; refuses to mix with the demo or real data unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--components", type=int, help="how many components to generate")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--projects", type=int, help="how many projects (default: a tenth of the components)"
        )
        parser.add_argument(
            "--owners", type=int, default=50, help="how many institutions (default 50)"
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="remove every synthetic row first (and only those); alone, only remove",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="generate even though the database holds the demo or other real entries",
        )

    def handle(self, *args, components, seed, projects, owners, clear, force, **options):
        if components is None and not clear:
            raise CommandError("Give --components N (or --clear to remove a synthetic catalogue).")
        if components is not None and not force and synthetic.holds_other_data():
            raise CommandError(
                "This database holds entries that are not synthetic (the demo, or real data). "
                "Generate into a database of its own (DATABASE_URL), or add --force."
            )
        if clear:
            counts = synthetic.clear_synthetic()
            removed = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"Removed the synthetic catalogue: {removed}.")
        if components is None:
            return
        started = time.monotonic()
        try:
            summary = synthetic.generate(
                components=components,
                projects=projects,
                owners=owners,
                seed=seed,
                stdout=self.stdout if options["verbosity"] > 1 else None,
            )
        except synthetic.SyntheticDataError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.0f} s."))

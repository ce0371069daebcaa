"""Send queued newsletter issues in batches (cron-friendly; safe to run again after a crash)."""

import time

from django.core.management.base import BaseCommand

from catalogue.community.newsletter import sending


class Command(BaseCommand):
    help = (
        "Send the queued newsletter issues in batches through Django's e-mail backend. Each "
        "delivery is claimed before it is sent, so a run killed half-way and run again sends "
        "no message twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=100, help="messages per batch")
        parser.add_argument(
            "--batches", type=int, default=0, help="stop after this many batches (0: all)"
        )
        parser.add_argument(
            "--pause", type=float, default=0.0, help="seconds to wait between batches"
        )
        parser.add_argument(
            "--retry-interrupted",
            action="store_true",
            help="queue again the deliveries a killed run left unfinished (may send twice)",
        )

    def handle(self, *args, batch_size, batches, pause, retry_interrupted, **options):
        if retry_interrupted:
            self.stdout.write(
                f"Queued again: {sending.retry_interrupted()} interrupted deliveries."
            )
        totals = {"sent": 0, "failed": 0, "skipped": 0}
        done = 0
        while True:
            outcome = sending.send_batch(max(1, batch_size))
            for key in totals:
                totals[key] += outcome[key]
            done += 1
            if not sum(outcome.values()) or (batches and done >= batches):
                break
            if pause:
                time.sleep(pause)
        self.stdout.write("Sent: {sent}, failed: {failed}, skipped: {skipped}.".format(**totals))
        left = sending.interrupted()
        if left:
            self.stdout.write(
                self.style.WARNING(
                    f"{left} deliveries were interrupted by an earlier run and not sent again "
                    "(their outcome is unknown); --retry-interrupted queues them."
                )
            )

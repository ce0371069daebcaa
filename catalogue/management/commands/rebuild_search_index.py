"""Rebuild the search index from the published catalogue (it is kept up to date on every
change; this is for a restore from a dump or a change of the analyser or thesaurus)."""

from django.core.management.base import BaseCommand

from catalogue.search.index import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (documents and vocabulary) of the published components."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Search index rebuilt: {count} published components.")

"""Demo accounts for trying every rule by hand (only when DEBUG is on)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue.models import CaseStudy, Component, Institution, Membership, Publication
from catalogue.review.groups import ensure_role_groups

ACCOUNTS = [
    # username, group, institution slug
    ("editor", settings.EDITORS_GROUP, None),
    ("submitter-a", settings.SUBMITTERS_GROUP, "onss"),
    ("submitter-b", settings.SUBMITTERS_GROUP, "ehealth"),
]
# Demo scaffolding, labelled as such: one draft and one submitted entry per institution.
DEMO_ENTRIES = {
    "onss": [
        ("demo-brouillon-onss", "Exemple de brouillon (démo, ONSS)", Publication.DRAFT),
        ("demo-soumis-onss", "Exemple soumis pour relecture (démo, ONSS)", Publication.SUBMITTED),
    ],
    "ehealth": [
        ("demo-brouillon-ehealth", "Exemple de brouillon (démo, eHealth)", Publication.DRAFT),
        (
            "demo-soumis-ehealth",
            "Exemple soumis pour relecture (démo, eHealth)",
            Publication.SUBMITTED,
        ),
    ],
}


DEMO_DESCRIPTION = "Entrée de démonstration pour essayer la relecture."


class Command(BaseCommand):
    help = "Create the demo accounts editor, submitter-a (ONSS) and submitter-b (eHealth)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are only created when DEBUG is on.")
        ensure_role_groups()
        password = settings.REUSE_DEMO_PASSWORD
        users = get_user_model()
        for username, group, slug in ACCOUNTS:
            user, _ = users.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group)])
            if slug:
                institution = Institution.objects.get(slug=slug)
                Membership.objects.get_or_create(user=user, institution=institution)
                for entry_slug, name, state in DEMO_ENTRIES[slug]:
                    Component.objects.update_or_create(
                        slug=entry_slug,
                        defaults={
                            # Written in French (the catalogue's translated columns).
                            "language": "fr",
                            "name_fr": name,
                            "owner": institution,
                            "kind": "component",
                            "lifecycle": "development",
                            "short_description_fr": DEMO_DESCRIPTION,
                            "publication": state,
                            "source": "Demo account scaffolding, not from the report",
                        },
                    )
        published = Component.objects.published().filter(owner__slug="onss").count()
        cases = CaseStudy.objects.published().filter(institution__slug="onss").count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo accounts ready (password from REUSE_DEMO_PASSWORD): editor, submitter-a "
                f"(ONSS: {published} published components, {cases} case studies), submitter-b "
                f"(eHealth)."
            )
        )

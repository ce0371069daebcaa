"""The two role groups and their model permissions, kept in step after every migrate."""

from django.conf import settings

SUBMITTER_PERMISSIONS = [
    *(f"{action}_component" for action in ("add", "change", "delete", "view")),
    *(f"{action}_casestudy" for action in ("add", "change", "delete", "view")),
    *(f"{action}_project" for action in ("add", "change", "delete", "view")),
    *(f"{action}_componentreuse" for action in ("add", "change", "delete", "view")),
    # Requests about their components: read, and mark handled (catalogue/community/admin.py).
    "view_contactrequest",
    "change_contactrequest",
    # Issue 13: their institutions' reuse declarations (scoped in the admin).
    *(f"{action}_reusedeclaration" for action in ("add", "change", "delete", "view")),
    "view_historicalreusedeclaration",
    "view_category",
    "view_technology",
    "view_historicalcomponent",
    "view_historicalcasestudy",
    "view_historicalproject",
    # News and events (issue 14): institutions maintain their own, like case studies.
    *(f"{action}_newsitem" for action in ("add", "change", "delete", "view")),
    *(f"{action}_event" for action in ("add", "change", "delete", "view")),
    "view_historicalnewsitem",
    "view_historicalevent",
    # Harvest sources of their institutions, and the logs (issue 11).
    *(f"{action}_harvestsource" for action in ("add", "change", "delete", "view")),
    "view_harvestlog",
]


def ensure_role_groups(sender=None, **kwargs):
    from django.contrib.auth.models import Group, Permission

    editors, _ = Group.objects.get_or_create(name=settings.EDITORS_GROUP)
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label="catalogue")
        | Permission.objects.filter(content_type__app_label="auth", codename="view_user")
    )
    submitters, _ = Group.objects.get_or_create(name=settings.SUBMITTERS_GROUP)
    submitters.permissions.set(
        Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=SUBMITTER_PERMISSIONS
        )
    )

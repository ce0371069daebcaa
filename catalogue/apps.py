from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (search index upkeep)
        from .review.groups import ensure_role_groups
        from .search import engine  # noqa: F401  (the SQLite collation)
        from .search.index import ensure_built

        post_migrate.connect(ensure_role_groups, sender=self, dispatch_uid="reuse-role-groups")
        post_migrate.connect(ensure_built, sender=self, dispatch_uid="reuse-search-index")

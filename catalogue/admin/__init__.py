"""The admin, for catalogue editors and institution submitters. Entries are administered here;
each feature registers its own (review, savings, publiccode.yml import)."""

from catalogue.community import admin as community_admin  # noqa: F401 (registers the ModelAdmins)
from catalogue.publiccode import harvest_admin  # noqa: F401 (harvest sources and logs)
from catalogue.review import admin as review_admin  # noqa: F401 (registers the ModelAdmins)
from catalogue.savings import admin as savings_admin  # noqa: F401

from . import (
    catalogue,  # noqa: F401
    declarations,  # noqa: F401  (issue 13: reuse declarations)
    news,  # noqa: F401 (news and events, issue 14)
)

"""The catalogue's data model, one module per concern."""

from .casestudy import CaseStudy
from .component import Component, ComponentQuerySet, Kind, Lifecycle, ReuseConditions
from .harvest import HarvestLog, HarvestRun, HarvestSource, HarvestStatus
from .institution import Institution, MemberCategory, Membership
from .measurement import BuildItem, ProgrammeCost, ReuseYear
from .pending import PendingChange
from .project import ComponentReuse, Project, ProjectStatus
from .publishing import Publication, PublishableQuerySet, ReviewedEntry
from .search import PostgresSearchRow, SearchDocument, SearchTerm, SqliteSearchRow
from .state import CatalogueState
from .taxonomy import Category, Technology
from .versioned import StaleVersion, Versioned

__all__ = [
    "BuildItem",
    "CaseStudy",
    "CatalogueState",
    "Category",
    "Component",
    "ComponentQuerySet",
    "ComponentReuse",
    "HarvestLog",
    "HarvestRun",
    "HarvestSource",
    "HarvestStatus",
    "Institution",
    "Kind",
    "Lifecycle",
    "MemberCategory",
    "Membership",
    "PendingChange",
    "PostgresSearchRow",
    "ProgrammeCost",
    "Project",
    "ProjectStatus",
    "Publication",
    "PublishableQuerySet",
    "ReuseConditions",
    "ReuseYear",
    "ReviewedEntry",
    "SearchDocument",
    "SearchTerm",
    "SqliteSearchRow",
    "StaleVersion",
    "Technology",
    "Versioned",
]

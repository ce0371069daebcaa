"""The catalogue's data model, one module per concern."""

from .casestudy import CaseStudy
from .component import Component, ComponentQuerySet, Kind, Lifecycle, ReuseConditions
from .institution import Institution, MemberCategory, Membership
from .measurement import BuildItem, ProgrammeCost, ReuseYear
from .news import Event, NewsItem  # news and events (issue 14)
from .pending import PendingChange
from .project import ComponentReuse, Project, ProjectStatus
from .publishing import Publication, PublishableQuerySet, ReviewedEntry
from .search import PostgresSearchRow, SearchDocument, SearchTerm, SqliteSearchRow
from .taxonomy import Category, Technology

__all__ = [
    "BuildItem",
    "CaseStudy",
    "Category",
    "Component",
    "ComponentQuerySet",
    "ComponentReuse",
    "Event",
    "Institution",
    "Kind",
    "Lifecycle",
    "MemberCategory",
    "Membership",
    "NewsItem",
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
    "Technology",
]

"""The catalogue's data model, one module per concern."""

from .casestudy import CaseStudy
from .community import ContactRequest, RequestKind, RequestStatus
from .component import Component, ComponentQuerySet, Kind, Lifecycle, ReuseConditions
from .declaration import ReuseDeclaration
from .harvest import HarvestLog, HarvestRun, HarvestSource, HarvestStatus
from .institution import Institution, MemberCategory, Membership
from .measurement import BuildItem, ProgrammeCost, ReuseYear
from .news import Event, NewsItem
from .newsletter import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
    Topic,
)
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
    "ContactRequest",
    "Delivery",
    "DeliveryStatus",
    "Event",
    "HarvestLog",
    "HarvestRun",
    "HarvestSource",
    "HarvestStatus",
    "Institution",
    "IssueStatus",
    "Kind",
    "Lifecycle",
    "MemberCategory",
    "Membership",
    "NewsItem",
    "NewsletterIssue",
    "PendingChange",
    "PostgresSearchRow",
    "ProgrammeCost",
    "Project",
    "ProjectStatus",
    "Publication",
    "PublishableQuerySet",
    "RequestKind",
    "RequestStatus",
    "ReuseConditions",
    "ReuseDeclaration",
    "ReuseYear",
    "ReviewedEntry",
    "SearchDocument",
    "SearchTerm",
    "SqliteSearchRow",
    "StaleVersion",
    "Subscriber",
    "SubscriberStatus",
    "Technology",
    "Topic",
    "Versioned",
]

"""The catalogue's data model, one module per concern."""

from .casestudy import CaseStudy
from .component import Component, ComponentQuerySet, Kind, Lifecycle, Publication, ReuseConditions
from .institution import Institution, MemberCategory
from .measurement import BuildItem, ProgrammeCost, ReuseYear
from .project import ComponentReuse, Project, ProjectStatus
from .taxonomy import Category, Technology

__all__ = [
    "BuildItem",
    "CaseStudy",
    "Category",
    "Component",
    "ComponentQuerySet",
    "ComponentReuse",
    "Institution",
    "Kind",
    "Lifecycle",
    "MemberCategory",
    "ProgrammeCost",
    "Project",
    "ProjectStatus",
    "Publication",
    "ReuseConditions",
    "ReuseYear",
    "Technology",
]

"""Components: the reusable elements of the catalogue."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue import licences
from catalogue.markdown import render_markdown
from catalogue.savings.roi import MAX_RELATIVE_COST
from catalogue.search import analysis
from catalogue.search.analysis import SORT_NAME_LENGTH

from .multilingual import MultilingualEntry, language_field
from .publishing import Publication, PublishableQuerySet, ReviewedEntry
from .software import SoftwareFacts


class Kind(models.TextChoices):
    # The report's forms of reuse (section "Connaissances, composants et services").
    SERVICE = "service", _("Service")
    SYSTEM = "system", _("System")
    COMPONENT = "component", _("Software component")
    KNOWLEDGE = "knowledge", _("Knowledge and expertise")
    PROCESS = "process", _("Process")


class Lifecycle(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DEVELOPMENT = "development", _("In development")
    PILOT = "pilot", _("Pilot")
    PRODUCTION = "production", _("In production")
    DEPRECATED = "deprecated", _("Deprecated")
    RETIRED = "retired", _("Retired")


class ReuseConditions(models.TextChoices):
    OPEN_SOURCE = "open-source", _("Open source: anyone may reuse")
    PUBLIC_SECTOR = "public-sector", _("Any public-sector body may reuse")
    MEMBERS_ONLY = "members-only", _("Members of the association only")


RESTRICTED_LICENCE = licences.RESTRICTED
# A component's page, API detail and exports list at most this many reuse declarations.
DECLARATIONS_LIMIT = 50
# A component's page and API detail list its newest reusing projects up to this many (a
# popular component has thousands); the full list is the projects listing filtered by it.
REUSES_LIMIT = 50


class ComponentQuerySet(PublishableQuerySet):
    def with_reuse_count(self):
        """``reuse_count``: how many projects reuse each component, as the source states
        (inferred links are shown on the component's page, marked, but not counted). A
        correlated count, not a JOIN with GROUP BY: a listing sorted by name or date then walks
        an index and stops after one page, and a ranked search does not group every match."""
        from catalogue.models import ComponentReuse

        reuses = (
            ComponentReuse.objects.filter(component=OuterRef("pk"), inferred=False)
            .order_by()
            .values("component")
            .annotate(n=Count("*"))
            .values("n")
        )
        return self.annotate(
            reuse_count=Coalesce(Subquery(reuses, output_field=models.IntegerField()), 0)
        )

    def with_reuse_evidence(self):
        """``reuse_count`` (projects that reuse it, as stated), ``declaration_count`` (its
        published reuse declarations) and ``reuse_score``, their sum: what "most reused"
        sorts by (issue 13). Correlated counts, like ``with_reuse_count``."""
        from catalogue.models import ReuseDeclaration

        declarations = (
            ReuseDeclaration.objects.filter(
                component=OuterRef("pk"), publication=Publication.PUBLISHED
            )
            .order_by()
            .values("component")
            .annotate(n=Count("*"))
            .values("n")
        )
        return (
            self.with_reuse_count()
            .annotate(
                declaration_count=Coalesce(
                    Subquery(declarations, output_field=models.IntegerField()), 0
                )
            )
            .annotate(reuse_score=models.F("reuse_count") + models.F("declaration_count"))
        )

    def for_listing(self):
        # Lists never show the long description: leaving it out keeps the rows a ranked search
        # sorts small (they are sorted whole).
        # Its length is all a list needs of it (publiccode.yml completeness).
        return (
            self.select_related("owner")
            .prefetch_related("categories", "technologies")
            .defer("long_description")
            .annotate(listed_long_description_length=models.F("description_length"))
        )

    def for_page(self, ids):
        """The components of ``ids`` as a listing shows them (``DeferredPaginator``'s rows)."""
        return self.filter(pk__in=ids).for_listing().with_reuse_evidence()

    def for_export(self):
        """What the open-data exports (ADMS-AP, code.json) read, in a fixed number of queries
        per batch: reuses counted (``reuse_count``), not loaded; published dependencies only."""
        published = Component.objects.published().only("name", "slug", "language")
        return (
            self.with_reuse_count()
            .select_related("owner")
            .prefetch_related(
                "categories",
                "technologies",
                "contributors",
                models.Prefetch("depends_on", queryset=published),
            )
        )

    def for_detail(self):
        """Everything a component page shows, in a fixed number of queries. Related
        components and case studies are limited to published ones."""
        from catalogue.models import CaseStudy, ComponentReuse, ReuseDeclaration

        published = Component.objects.published().only(
            "name", "slug", "short_description", "kind", "language"
        )
        reuse_total = (
            ComponentReuse.objects.filter(component=OuterRef("pk"))
            .order_by()
            .values("component")
            .annotate(n=Count("*"))
            .values("n")
        )
        detail = self.annotate(
            reuse_total=Coalesce(Subquery(reuse_total, output_field=models.IntegerField()), 0)
        )
        return detail.select_related("owner").prefetch_related(
            "categories",
            "technologies",
            "contributors",
            models.Prefetch("depends_on", queryset=published),
            models.Prefetch("dependents", queryset=published),
            models.Prefetch("related", queryset=published),
            # The newest reuses only: the page and the API show a few and count the rest
            # (``reuse_total``); savings and exports read what they need in their own query.
            models.Prefetch(
                "reuses",
                queryset=ComponentReuse.objects.select_related("project")
                .prefetch_related("project__clients")
                .order_by("-project__year", "project__name", "pk")[:REUSES_LIMIT],
                to_attr="latest_reuses",
            ),
            models.Prefetch(
                "case_studies",
                queryset=CaseStudy.objects.published().select_related("institution"),
            ),
            # Reuse declared by institutions (issue 13): published ones only, newest first.
            models.Prefetch(
                "declarations",
                queryset=ReuseDeclaration.objects.filter(publication=Publication.PUBLISHED)
                .select_related("institution", "project")
                .order_by("-since", "pk")[:DECLARATIONS_LIMIT],
                to_attr="published_declarations",
            ),
        )


# SoftwareFacts (models/software.py): the publiccode.yml facts kept for software (issue 11).
class Component(MultilingualEntry, SoftwareFacts, ReviewedEntry):
    # Texts per language: catalogue/translation.py
    translated_fields = ("name", "short_description", "long_description")
    required_translated_fields = ("name", "short_description")

    name = models.CharField(_("name"), max_length=200)
    # The name as listings order it (catalogue.search.analysis.sort_name), kept by save().
    sort_name = models.CharField(
        _("name order key"), max_length=SORT_NAME_LENGTH, default="", editable=False
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    short_description = models.CharField(
        _("short description"),
        max_length=200,
        help_text=_("One sentence, at most 200 characters, shown in search results."),
    )
    long_description = models.TextField(
        _("long description"), blank=True, help_text=_("Markdown. Rendered sanitised.")
    )
    # The trimmed length of the long description in the entry's own language, kept by save():
    # the publiccode.yml facet counts it for every match without reading the texts.
    description_length = models.PositiveIntegerField(
        _("long description length"), default=0, editable=False
    )
    owner = models.ForeignKey(
        "catalogue.Institution",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_components",
        help_text=_("The institution responsible for the component."),
    )
    contributors = models.ManyToManyField(
        "catalogue.Institution",
        verbose_name=_("contributing institutions"),
        related_name="contributed_components",
        blank=True,
    )
    categories = models.ManyToManyField(
        "catalogue.Category", verbose_name=_("categories"), related_name="components", blank=True
    )
    technologies = models.ManyToManyField(
        "catalogue.Technology",
        verbose_name=_("technologies"),
        related_name="components",
        blank=True,
    )
    lifecycle = models.CharField(_("lifecycle"), max_length=20, choices=Lifecycle.choices)
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        validators=[licences.validate_licence],
        help_text=_('SPDX identifier, or "restricted". Empty when unknown.'),
    )
    reuse_conditions = models.CharField(
        _("reuse conditions"), max_length=20, choices=ReuseConditions.choices, blank=True
    )
    website_url = models.URLField(_("website"), blank=True)
    documentation_url = models.URLField(_("documentation"), blank=True)
    source_code_url = models.URLField(_("source code"), blank=True)
    support_name = models.CharField(_("support contact name"), max_length=200, blank=True)
    support_email = models.EmailField(_("support e-mail"), blank=True)
    support_url = models.URLField(_("support page"), blank=True)
    depends_on = models.ManyToManyField(
        "self",
        verbose_name=_("depends on"),
        symmetrical=False,
        related_name="dependents",
        blank=True,
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("related components"), symmetrical=True, blank=True
    )
    relative_cost = models.DecimalField(
        _("relative cost of reuse"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_RELATIVE_COST)],
        help_text=_(
            "Cost of reusing this component as a fraction of building it (RCR). "
            "Empty: the year's default applies."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts in this entry come from."),
    )
    language = language_field()

    objects = ComponentQuerySet.as_manager()
    # history: registered in catalogue/translation.py, after the translation fields

    class Meta(ReviewedEntry.Meta):
        ordering = ["name"]
        verbose_name = _("component")
        verbose_name_plural = _("components")
        constraints = [
            models.CheckConstraint(
                condition=Q(relative_cost__isnull=True)
                | Q(relative_cost__gte=0, relative_cost__lte=MAX_RELATIVE_COST),
                name="component_relative_cost_range",
            ),
        ]
        # Every filter and sort of the listings, pages and API, led by ``publication`` (every
        # public query filters on it): sorts walk an index and stop after a page; facet counts
        # by kind, lifecycle, licence or reuse conditions read an index, not the table.
        indexes = [
            models.Index(fields=["publication", "sort_name", "id"], name="component_pub_sort_name"),
            models.Index(fields=["publication", "-created", "name"], name="component_pub_created"),
            models.Index(fields=["publication", "-updated"], name="component_pub_updated"),
            models.Index(fields=["publication", "kind"], name="component_pub_kind"),
            models.Index(fields=["publication", "lifecycle"], name="component_pub_lifecycle"),
            models.Index(fields=["publication", "licence"], name="component_pub_licence"),
            models.Index(fields=["publication", "reuse_conditions"], name="component_pub_reuse"),
            models.Index(fields=["owner", "publication", "name"], name="component_owner_pub_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        self.licence = licences.canonical(self.licence)
        self.clean_translations()
        self.clean_software_facts()

    def save(self, *args, **kwargs):
        self.save_in_original_language(self._save_with_keys, *args, **kwargs)

    # Stored keys derived from a text (field: its source, how it is derived), kept by save().
    DERIVED_KEYS = {
        "sort_name": ("name", analysis.sort_name),
        "description_length": ("long_description", analysis.text_length),
    }

    def _save_with_keys(self, *args, **kwargs):
        # Called with the entry's language active: ``name`` and ``long_description`` read its
        # own texts. A partial save updates the keys whose source it writes, and only those.
        update_fields = kwargs.get("update_fields")
        written = []
        for key, (source, derive) in self.DERIVED_KEYS.items():
            if update_fields is None or any(
                field == source or field.startswith(f"{source}_") for field in update_fields
            ):
                setattr(self, key, derive(getattr(self, source)))
                written.append(key)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *written}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:component-detail", args=[self.slug])

    @property
    def long_description_html(self):
        return render_markdown(self.long_description)

    @property
    def has_support_contact(self):
        return bool(self.support_name or self.support_email or self.support_url)

    def reusing_clients(self):
        """The client institutions of the projects that reuse it as the source states
        (inferred links cannot say so), each once: one query, however many projects."""
        from catalogue.models import Institution

        return Institution.objects.filter(
            projects__reuses__component=self, projects__reuses__inferred=False
        ).distinct()

"""What the listing pages share: one page of results, the filter state, and bounded lists."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render

# How many entries a section of a detail page lists before linking to the full listing.
SECTION_SIZE = 20


@dataclass
class Section:
    """The first entries of a list shown on a detail page, how many there are in all, and where
    the rest are. No page grows with the catalogue: a long list is cut and linked."""

    items: list
    total: int
    more_url: str = ""

    @property
    def has_more(self) -> bool:
        return self.total > len(self.items)


def bounded(queryset, limit: int = SECTION_SIZE, more_url: str = "") -> Section:
    """At most ``limit`` rows of ``queryset``; counts them only when there are more (two
    queries at most, whatever the size)."""
    items = list(queryset[: limit + 1])
    total = len(items) if len(items) <= limit else queryset.count()
    return Section(items[:limit], total, more_url)


def filtered_page_context(request, filterset, per_page, results=None, paginator=None):
    """A page of the filterset's results (or of ``results``, the same rows prepared for
    display, or of ``paginator``; a malformed ?page= shows the nearest valid page), the
    form's errors, and the query string without the page, for the pagination links."""
    results = filterset.qs if results is None else results
    paginator = paginator or Paginator(results, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filterset": filterset,
        "form_errors": filterset.form.errors if filterset.is_bound else {},
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }


def listing_page(
    request, *, filterset_class, queryset, template, per_page, name, extra_context=None
):
    """A listing page: the FilterSet applied to ``queryset``, one page of it as ``name``."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    context = filtered_page_context(request, filterset, per_page)
    context[name] = context["page_obj"].object_list
    context.update(extra_context or {})
    return render(request, template, context)

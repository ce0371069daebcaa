"""What the filtered listing pages share: one page of results, and the filter state."""

from django.core.paginator import Paginator
from django.shortcuts import render


def filtered_page_context(request, filterset, per_page, results=None):
    """A page of the filterset's results (or of ``results``, the same rows prepared for
    display; a malformed ?page= shows the nearest valid page), the form's errors, and the
    query string without the page, for the pagination links."""
    results = filterset.qs if results is None else results
    page = Paginator(results, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filterset": filterset,
        "form_errors": filterset.form.errors if filterset.is_bound else {},
        "page_obj": page,
        "query_without_page": query.urlencode(),
    }


def listing_page(request, *, filterset_class, queryset, template, per_page, name):
    """A listing page: the FilterSet applied to ``queryset``, one page of it as ``name``."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    context = filtered_page_context(request, filterset, per_page)
    context[name] = context["page_obj"].object_list
    return render(request, template, context)

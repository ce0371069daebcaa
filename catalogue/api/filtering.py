"""The API's filter backend: django-filter's, keeping the FilterSet on the view, so the
paginator can count the matching rows without ranking them (``FilterSet.narrowed``: on SQLite
a ranked search reads every match's stored document; a count needs only the matches)."""

from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        view.filterset = filterset
        return filterset.qs

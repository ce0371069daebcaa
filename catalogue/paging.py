"""Pages of long listings, shared by the pages and the API.

Django's paginator slices the queryset: ``OFFSET n LIMIT 20`` over every column and every
annotation, which the database computes for the rows it skips too (SQLite and PostgreSQL both
build a row before discarding it), and for every match of a ranked search before it sorts.
``DeferredPaginator`` reads a page in two steps: the ids of its rows (the sort and the offset
on the ordering's columns alone), then those rows, fully, by id. Its count can come from
another queryset of the same rows that is cheaper to count (unranked, unordered).
"""

from django.core.paginator import Paginator


class DeferredPaginator(Paginator):
    def __init__(self, object_list, per_page, *, counted=None, rows=None, **kwargs):
        """``counted``: the same rows, cheaper to count. ``rows``: ids → the page's objects
        as the page shows them (default: the listing's queryset narrowed to those ids)."""
        super().__init__(object_list, per_page, **kwargs)
        if counted is not None:
            self.count = counted.count()
        self._rows = rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        found = self._rows(ids) if self._rows else self.object_list.filter(pk__in=ids)
        by_id = {row.pk: row for row in found}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)

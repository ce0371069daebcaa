"""API pagination: page numbers with the total count; malformed parameters answer 400."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class CataloguePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        errors = {}
        for name, minimum in ((self.page_query_param, 1), (self.page_size_query_param, 1)):
            raw = request.query_params.get(name)
            if raw is None or (raw == "last" and name == self.page_query_param):
                continue
            if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
                errors[name] = [_("Enter a whole number of at least %(min)d.") % {"min": minimum}]
            elif name == self.page_size_query_param and int(raw) > self.max_page_size:
                errors[name] = [
                    _("Enter a whole number of at most %(max)d.") % {"max": self.max_page_size}
                ]
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

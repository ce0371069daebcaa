"""The API's documentation pages (Swagger UI and Redoc), served from this site only.

Both pages carry the visitor's language (`lang` attribute, and the schema requested in that
language, so translated descriptions show where they exist); Redoc runs without its search,
whose Web Worker the Content-Security-Policy would refuse, and without web fonts from outside.
"""

from django.utils import translation
from drf_spectacular.plumbing import set_query_parameters
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class VisitorLanguageMixin:
    def _get_schema_url(self, request):
        url = super()._get_schema_url(request)
        language = request.GET.get("lang") or translation.get_language()
        return set_query_parameters(url=url, lang=language) if language else url


class SwaggerView(VisitorLanguageMixin, SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


class RedocView(VisitorLanguageMixin, SpectacularRedocView):
    template_name = "api/redoc.html"

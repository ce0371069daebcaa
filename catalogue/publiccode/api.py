"""publiccode.yml of a published component, through the API."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.publiccode.export import dump
from catalogue.publiccode.views import publiccode_document


class YamlRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Error bodies hold DRF's ErrorDetail strings: make them plain data first.
        return dump(json.loads(json.dumps(data, default=str))).encode("utf-8")


class PublicCodeView(APIView):
    """The component's publiccode.yml (standard 0.7), built from its catalogue entry."""

    renderer_classes = [YamlRenderer]

    @extend_schema(
        responses={
            (200, "application/yaml"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A publiccode.yml document (standard 0.7)."
            ),
            (404, "application/yaml"): OpenApiResponse(OpenApiTypes.OBJECT),
            (429, "application/yaml"): OpenApiResponse(OpenApiTypes.OBJECT),
        }
    )
    def get(self, request, slug):
        return Response(publiccode_document(request, slug))

"""publiccode.yml of a published component, through the API."""

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.publiccode.export import dump
from catalogue.publiccode.views import publiccode_export

EXAMPLE_DOCUMENT = {
    "publiccodeYmlVersion": "0.7",
    "name": "Archiving-as-a-Service",
    "url": "https://code.example.org/aaas.git",
    "platforms": ["web"],
    "developmentStatus": "stable",
    "softwareType": "standalone/web",
    "organisation": {"uri": "https://www.example.org", "name": "Example institution"},
    "description": {
        "fr": {
            "localisedName": "Archiving-as-a-Service",
            "shortDescription": "Archivage électronique à valeur légale.",
            "longDescription": "Conserve les documents authentiques et lisibles … (150+ chars)",
            "features": ["Archivage électronique à valeur légale."],
        }
    },
    "legal": {"license": "EUPL-1.2"},
    "maintenance": {"type": "internal", "contacts": [{"name": "Jane Doe"}]},
    "localisation": {"localisationReady": False, "availableLanguages": ["fr"]},
}


class YamlRenderer(BaseRenderer):
    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Error bodies hold DRF's ErrorDetail strings: make them plain data first.
        return dump(json.loads(json.dumps(data, default=str))).encode("utf-8")


class PublicCodeDocument(serializers.Serializer):
    """A publiccode.yml document (standard 0.7); see the standard for its keys."""

    publiccodeYmlVersion = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()


class NotExportable(serializers.Serializer):
    detail = serializers.CharField()
    missing = serializers.ListField(
        child=serializers.ChoiceField(["repository", "licence", "contact", "description"]),
        required=False,
        help_text="Facts the standard requires that the catalogue does not hold (absent when "
        "the component is unknown, unpublished, or not software).",
    )
    ask_owner_for = serializers.ListField(child=serializers.CharField(), required=False)


class Error(serializers.Serializer):
    detail = serializers.CharField()


class PublicCodeView(APIView):
    renderer_classes = [YamlRenderer]

    @extend_schema(
        operation_id="components_publiccode_retrieve",
        summary=_("A component's publiccode.yml"),
        description=_(
            "The component's publiccode.yml (standard 0.7), written from its catalogue entry. "
            "It exists only for software whose entry holds every fact the standard requires "
            "(repository, SPDX licence, maintenance contact, long description); otherwise "
            "the answer is 404 and lists the missing facts. Knowledge and processes have none."
        ),
        responses={
            (200, "application/yaml"): OpenApiResponse(
                PublicCodeDocument,
                description="A publiccode.yml document.",
                examples=[OpenApiExample("Document", value=EXAMPLE_DOCUMENT)],
            ),
            (404, "application/yaml"): OpenApiResponse(
                NotExportable,
                description="Unknown or unpublished component, or not ready for export.",
                examples=[
                    OpenApiExample(
                        "Not ready",
                        value={
                            "detail": "No publiccode.yml yet: …",
                            "missing": ["repository", "licence"],
                            "ask_owner_for": [
                                "the address of the public repository that holds the code",
                                "the licence of the code, as an SPDX identifier",
                            ],
                        },
                    )
                ],
            ),
            (429, "application/yaml"): OpenApiResponse(Error, description="Too many requests."),
        },
    )
    def get(self, request, slug):
        export = publiccode_export(request, slug)
        if export.document is None:
            state = export.readiness.as_data()
            return Response(
                {
                    "detail": export.explanation(),
                    "missing": state["missing"],
                    "ask_owner_for": state["ask_owner_for"],
                },
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(export.document)

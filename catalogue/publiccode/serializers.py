"""The publiccode.yml facts of a component in the API detail (`software`, issue 11).

Empty facts are null or empty lists: "not stated", never a guess.
"""

from rest_framework import serializers

from catalogue.models.software import DEPENDENCY_KINDS, MaintenanceType, SoftwareType


class ContractorSerializer(serializers.Serializer):
    name = serializers.CharField()
    until = serializers.DateField(required=False)
    email = serializers.EmailField(required=False)
    website = serializers.URLField(required=False)


class DependencySerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField(required=False)
    versionMin = serializers.CharField(required=False)
    versionMax = serializers.CharField(required=False)
    optional = serializers.BooleanField(required=False)


class DependenciesSerializer(serializers.Serializer):
    open = DependencySerializer(many=True, required=False)
    proprietary = DependencySerializer(many=True, required=False)
    hardware = DependencySerializer(many=True, required=False)


class ReleaseSerializer(serializers.Serializer):
    version = serializers.CharField(required=False)
    date = serializers.DateField(required=False)


class SoftwareSerializer(serializers.Serializer):
    software_type = serializers.ChoiceField(choices=SoftwareType.choices, allow_null=True)
    platforms = serializers.ListField(child=serializers.CharField())
    maintenance_type = serializers.ChoiceField(choices=MaintenanceType.choices, allow_null=True)
    contractors = ContractorSerializer(many=True)
    dependencies = DependenciesSerializer(source="external_dependencies")
    releases = ReleaseSerializer(many=True)
    available_languages = serializers.ListField(child=serializers.CharField())
    localisation_ready = serializers.BooleanField(allow_null=True)

    def to_representation(self, component):
        data = super().to_representation(component)
        for key in ("software_type", "maintenance_type"):
            data[key] = data[key] or None  # "" is "not stated"
        data["dependencies"] = {
            kind: data["dependencies"][kind]
            for kind in DEPENDENCY_KINDS
            if data["dependencies"].get(kind)
        }
        return data

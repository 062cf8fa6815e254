from rest_framework import serializers

from safeguarding.accounts.models import Agency, Locality, Partnership


class PartnershipSerializer(serializers.ModelSerializer):
    localities = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    url = serializers.HyperlinkedIdentityField(
        view_name="api:partnership-detail", lookup_field="slug"
    )

    class Meta:
        model = Partnership
        fields = [
            "url",
            "slug",
            "name",
            "area",
            "localities",
            "contact_line",
            "contact_email",
            "brand_colour",
            "about",
        ]


class PartnershipWriteSerializer(serializers.ModelSerializer):
    localities = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, write_only=True
    )

    class Meta:
        model = Partnership
        fields = [
            "slug",
            "name",
            "area",
            "localities",
            "contact_line",
            "contact_email",
            "brand_colour",
            "about",
        ]


class AgencySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:agency-detail")
    partnerships = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Partnership.objects.all()
    )
    locality = serializers.SlugRelatedField(slug_field="name", read_only=True)
    locality_id = serializers.PrimaryKeyRelatedField(
        source="locality",
        queryset=Locality.objects.all(),
        required=False,
        allow_null=True,
        write_only=True,
    )
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Agency
        fields = [
            "url",
            "id",
            "name",
            "type",
            "sector",
            "partnerships",
            "locality",
            "locality_id",
            "parent",
            "school_phase",
            "school_type",
            "is_statutory_partner",
            "email",
        ]

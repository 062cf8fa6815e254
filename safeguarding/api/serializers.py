from rest_framework import serializers

from safeguarding.accounts import selectors
from safeguarding.accounts.models import Agency, Locality, Partnership


class PartnershipSerializer(serializers.ModelSerializer):
    localities: serializers.SlugRelatedField[Locality] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )
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

    def validate_localities(self, names: list[str]) -> list[str]:
        """Each locality once: the database allows one of each name in a partnership, and a
        repeated one would otherwise fail half-way through the write."""
        cleaned: list[str] = []
        seen: dict[str, str] = {}
        for name in names:
            name = name.strip()
            if not name:
                raise serializers.ValidationError("Enter a name for each locality.")
            if name.casefold() in seen:
                raise serializers.ValidationError(
                    f"“{seen[name.casefold()]}” is listed twice: give each locality once."
                )
            seen[name.casefold()] = name
            cleaned.append(name)
        return cleaned


class AgencySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:agency-detail")
    partnerships = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=selectors.partnership_choices()
    )
    locality: serializers.SlugRelatedField[Locality] = serializers.SlugRelatedField(
        slug_field="name", read_only=True, allow_null=True
    )
    locality_id = serializers.PrimaryKeyRelatedField(
        source="locality",
        queryset=selectors.locality_choices(),
        required=False,
        allow_null=True,
        write_only=True,
    )
    # DRF's serializer metaclass moves declared fields off the class, so this field does not
    # shadow Field.parent at run time; the stubs cannot express that.
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=selectors.agency_choices(), required=False, allow_null=True
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

"""People, the partnerships they work in, their agencies and roles, and API tokens."""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from safeguarding.accounts.lockout import normalise_email
from safeguarding.core import encryption
from safeguarding.core.models import TimeStampedModel
from safeguarding.core.roles import Role

HEX_COLOUR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter the colour as # and six hexadecimal digits, like #0b3b60."
)


def _relative_luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (_relative_luminance(hex_colour) + 0.05)


class Partnership(TimeStampedModel):
    """A local safeguarding children partnership (Essex calls its own a Board)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    area = models.CharField(max_length=200, help_text="The local authority area it covers")
    contact_line = models.CharField(
        max_length=300,
        help_text="Shown at the top of every page, e.g. “Concerned about a child or young "
        "person? Call 0345 603 7627”",
    )
    contact_email = models.EmailField(blank=True)
    brand_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[HEX_COLOUR],
        help_text="Header colour; white text must be readable on it (contrast 4.5:1 or more)",
    )
    about = models.TextField(blank=True, help_text="A short introduction for the home page")
    two_factor_roles = models.JSONField(
        "Roles that must use two-factor sign-in",
        default=list,
        blank=True,
        help_text='A list of roles, such as ["business_unit", "chair"]. People holding '
        "one of them in this partnership must set up a second factor before they can go on.",
    )
    two_factor_after_single_sign_on = models.BooleanField(
        "Ask for the second factor after signing in with an organisation's account",
        default=False,
        help_text="Leave unticked when the organisations' own sign-in already asks for a "
        "second factor (most Microsoft Entra ID tenants do).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        roles = self.two_factor_roles
        if not isinstance(roles, list) or any(role not in Role.values for role in roles):
            raise ValidationError(
                {
                    "two_factor_roles": "Give a list of roles from: "
                    + ", ".join(Role.values)
                    + ', for example ["business_unit", "chair"].'
                }
            )
        if (
            HEX_COLOUR.regex.match(self.brand_colour or "")
            and contrast_with_white(self.brand_colour) < 4.5
        ):
            raise ValidationError(
                {
                    "brand_colour": "White text is hard to read on this colour (contrast "
                    f"{contrast_with_white(self.brand_colour):.1f}:1). Choose a darker colour "
                    "with a contrast of at least 4.5:1."
                }
            )


class Locality(models.Model):
    """An area of a partnership, such as Essex's North, South, Mid and West quadrants."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="localities"
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["partnership__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_locality")
        ]
        verbose_name_plural = "localities"

    def __str__(self) -> str:
        return f"{self.name} ({self.partnership.name})"


class AgencyType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    INTEGRATED_CARE_BOARD = "icb", "Integrated care board"
    HEALTH_PROVIDER = "health_provider", "Health provider"
    SCHOOL = "school", "School or college"
    VOLUNTARY = "voluntary", "Voluntary and community sector"
    DISTRICT_COUNCIL = "district_council", "District, city or borough council"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    MULTI_ACADEMY_TRUST = "trust", "Multi-academy trust"
    OTHER = "other", "Other"


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police and criminal justice"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    VOLUNTARY = "voluntary", "Voluntary, community and faith"
    DISTRICT = "district", "District, city and borough councils"
    OTHER = "other", "Other"


class SchoolPhase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    SPECIAL = "special", "Special"
    ALTERNATIVE = "alternative", "Alternative provision"
    FURTHER_EDUCATION = "further_education", "Further education"


class SchoolType(models.TextChoices):
    MAINTAINED = "maintained", "Maintained"
    ACADEMY = "academy", "Academy"
    INDEPENDENT = "independent", "Independent"
    FURTHER_EDUCATION = "further_education", "Further education"
    EARLY_YEARS = "early_years", "Early years"


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user) -> AgencyQuerySet:
        """Agencies of the partnerships in which the user holds any role; nothing otherwise."""
        from safeguarding.core.permissions import roles_by_partnership

        partnership_ids = list(roles_by_partnership(user))
        if not partnership_ids:
            return self.none()
        # By the agencies' keys, read first: a join with DISTINCT, or a subquery, makes
        # PostgreSQL scan every agency of every partnership at national scale (35 ms instead
        # of 2). Someone with roles in very many partnerships gets the subquery.
        shared = Agency.partnerships.through.objects.filter(partnership_id__in=partnership_ids)
        keys = list(shared.values_list("agency_id", flat=True)[: self.MOST_KEYS + 1])
        if len(keys) > self.MOST_KEYS:
            return self.filter(pk__in=shared.values("agency_id"))
        return self.filter(pk__in=keys)

    MOST_KEYS = 5000


class Agency(TimeStampedModel):
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=30, choices=AgencyType.choices)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    partnerships = models.ManyToManyField(Partnership, related_name="agencies")
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text="The parent organisation, such as a multi-academy trust",
    )
    school_phase = models.CharField(max_length=30, choices=SchoolPhase.choices, blank=True)
    school_type = models.CharField(max_length=30, choices=SchoolType.choices, blank=True)
    is_statutory_partner = models.BooleanField(
        default=False, help_text="One of the three statutory safeguarding partners"
    )
    email = models.EmailField(blank=True, help_text="The agency's safeguarding contact address")
    urn = models.CharField(
        "URN",
        max_length=12,
        blank=True,
        help_text="A school's unique reference number in Get Information About Schools",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.CheckConstraint(
                condition=Q(type="school") | (Q(school_phase="") & Q(school_type="")),
                name="school_fields_only_for_schools",
                violation_error_message="Only schools and colleges have a phase and school "
                "type. Choose “Not a school” for both, or change the type of agency.",
            ),
            models.UniqueConstraint(
                fields=["urn"],
                condition=~Q(urn=""),
                name="unique_agency_urn",
                violation_error_message="Another agency already has this URN.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def partnership_ids_for_rules(self) -> list[int]:
        return [p.pk for p in self.partnerships.all()]


class UserQuerySet(models.QuerySet):
    def visible_to(self, user) -> UserQuerySet:
        """People a business unit manages: those with a role in, or an agency of, one of its
        partnerships. Everyone else sees no one through this (their own account page reads
        ``request.user`` directly)."""
        from safeguarding.core.permissions import partnerships_where

        partnership_ids = partnerships_where(user, [Role.BUSINESS_UNIT])
        if not partnership_ids:
            return self.none()
        # Two subqueries, not two joins with DISTINCT over every column (90 ms instead of 6
        # at national scale); no person is listed twice.
        return self.filter(
            Q(pk__in=RoleAssignment.objects.filter(partnership__in=partnership_ids).values("user"))
            | Q(
                pk__in=AgencyMembership.objects.filter(
                    agency__partnerships__in=partnership_ids
                ).values("user")
            )
        )


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(self.normalize_email(email)), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. People are identified by their work email address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the back-office admin pages (business unit only)"
    )
    date_joined = models.DateTimeField(default=timezone.now)
    agencies = models.ManyToManyField(
        Agency, through="AgencyMembership", related_name="people", blank=True
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)  # before the uniqueness check

    def save(self, *args, **kwargs) -> None:
        # Stored lower-cased whoever writes it (forms, services, the back office), so an
        # address has one spelling for sign-in, lockout and uniqueness.
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AgencyMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="agency_memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    job_title = models.CharField(max_length=200, blank=True)
    is_primary = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="unique_agency_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.agency}"


class RoleAssignment(TimeStampedModel):
    """A role a person holds in one partnership (optionally on behalf of one agency)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="The agency the role is held for, where it matters",
    )

    class Meta:
        ordering = ["partnership__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="unique_role_per_partnership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} in {self.partnership}"


TOKEN_PREFIX_LENGTH = 8
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{20,}$")


def hash_token(raw: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{raw}".encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)

    def visible_to(self, user) -> ApiTokenQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for")
    prefix = models.CharField(max_length=TOKEN_PREFIX_LENGTH, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# Onboarding imports ---------------------------------------------------------------------


class OnboardingKind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    PEOPLE = "people", "People"


class OrganisationSignIn(TimeStampedModel):
    """An organisation's own sign-in service (OpenID Connect), such as a council's Entra ID.

    It only signs in people who already have an account here, matched by a verified email
    address in one of ``email_domains``; it never creates accounts or roles.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="organisation_sign_ins"
    )
    name = models.CharField(
        "Organisation", max_length=200, help_text="For example “Northshire County Council”"
    )
    discovery_url = models.URLField(
        "Discovery address",
        max_length=500,
        help_text="The OpenID Connect discovery document, ending "
        "/.well-known/openid-configuration. For Entra ID: https://login.microsoftonline.com/"
        "TENANT-ID/v2.0/.well-known/openid-configuration",
    )
    client_id = models.CharField("Client ID", max_length=200)
    client_secret_encrypted = models.TextField(
        blank=True, editable=False, help_text="Encrypted; never shown"
    )
    email_domains = models.TextField(
        "Email domains",
        help_text="The domains whose people sign in here, one a line or separated by commas, "
        "such as northshire.gov.uk",
    )
    trusted_tenant_id = models.CharField(
        "Trusted Entra ID tenant",
        max_length=100,
        blank=True,
        help_text="Entra ID does not send email_verified. Give the tenant ID (tid) whose "
        "email addresses are trusted as verified; leave blank for other providers.",
    )
    is_enabled = models.BooleanField("Offered on the sign-in page", default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation sign-in"

    def __str__(self) -> str:
        return self.name

    @property
    def client_secret(self) -> str:
        return encryption.decrypt(self.client_secret_encrypted)

    @client_secret.setter
    def client_secret(self, value: str) -> None:
        self.client_secret_encrypted = encryption.encrypt(value)

    @property
    def domains(self) -> list[str]:
        return [
            part.strip().lower().lstrip("@")
            for part in re.split(r"[\s,]+", self.email_domains or "")
            if part.strip()
        ]

    def clean(self) -> None:
        if not self.domains:
            raise ValidationError(
                {"email_domains": "Enter at least one email domain, such as northshire.gov.uk."}
            )
        bad = [d for d in self.domains if "." not in d or "@" in d]
        if bad:
            raise ValidationError(
                {"email_domains": f"“{bad[0]}” is not a domain; enter one like nhs.net."}
            )

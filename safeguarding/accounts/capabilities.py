"""What the accounts app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.accounts import onboarding, selectors
from safeguarding.accounts.models import User
from safeguarding.core import dashboard, data_version, import_jobs, navigation

navigation.register(navigation.NavItem("Home", "home", signed_in=False))

navigation.register(
    navigation.NavItem(
        "Agencies",
        "accounts:agency-list",
        permission="accounts.view_agency_directory",
        section="administration",
    )
)

navigation.register(
    navigation.NavItem(
        "People",
        "accounts:people-list",
        permission="accounts.manage_people",
        section="administration",
    )
)

navigation.register(
    navigation.NavItem(
        "Your account",
        "accounts:account",
        signed_in=True,
        placement=navigation.ACCOUNT,
    )
)

navigation.register(
    navigation.NavItem(
        "Sign in",
        "accounts:sign-in",
        signed_in=False,
        placement=navigation.ACCOUNT,
    )
)

dashboard.register(
    dashboard.Panel(
        key="roles",
        title="Your agencies and roles",
        template="accounts/panels/roles.html",
        context=lambda request: {
            "roles": selectors.user_roles(user=request.user),
            "memberships": selectors.user_agencies(user=request.user),
        },
        link=("Go to your account", "accounts:account"),
        cacheable=True,
    )
)


def _onboarding_form(job) -> str:
    from django.urls import reverse

    return f"{reverse('accounts:onboarding-import')}?kind={onboarding.ONBOARDING_KINDS[job.kind]}"


for _kind, _title in (
    (onboarding.ORGANISATIONS_IMPORT, "Import of organisations"),
    (onboarding.PEOPLE_IMPORT, "Import of people"),
):
    import_jobs.register(
        import_jobs.Importer(
            kind=_kind,
            title=_title,
            permission="accounts.manage_people",
            run=onboarding.onboarding_import_job,
            result_template="accounts/_onboarding_import_result.html",
            form_url=_onboarding_form,
            can_confirm=onboarding.onboarding_import_can_confirm,
            confirm_label="Confirm and import",
            outcome=onboarding.onboarding_import_outcome,
            asked=lambda job: (
                "Check the file, then import it once confirmed"
                if job.dry_run
                else "Import the checked file"
            ),
        )
    )

# A sign-in records its time on the person; no dashboard panel shows it (ADR 0038).
data_version.ignore_fields(User, "last_login")

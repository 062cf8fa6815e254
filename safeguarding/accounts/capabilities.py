"""What the accounts app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.accounts import jobs, selectors  # noqa: F401 - jobs registers itself
from safeguarding.core import dashboard, navigation

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
    )
)

"""What the core app adds to the platform: navigation, dashboard panels and the other
registries core keeps. Core imports this module once every app is loaded (``core.apps``).
"""

from safeguarding.core import (  # noqa: F401
    approvals,
    dashboard,
    data_version,
    jobs,
    navigation,
    public_cache,
)
from safeguarding.core.models import AuditEvent, Heartbeat
from safeguarding.core.selectors import recent_activity


def _waiting_context(request) -> dict:
    """How many things of each kind wait for this person (the full list is one click away)."""
    from safeguarding.core import approvals

    return {
        "waiting": [
            {"kind": kind, "count": count} for kind, count in approvals.counts_for(request.user)
        ]
    }


navigation.register_section(navigation.Section("governance", "Governance"))

navigation.register_section(navigation.Section("reviews", "Reviews and learning"))

navigation.register_section(navigation.Section("audits", "Audits"))

navigation.register_section(navigation.Section("training", "Training"))

navigation.register_section(navigation.Section("administration", "Administration"))

navigation.register(navigation.NavItem("Dashboard", "core:dashboard", signed_in=True))

navigation.register(
    navigation.NavItem(
        "Actions and recommendations",
        "core:tracker",
        permission="core.view_tracker",
        section="governance",
    )
)

navigation.register(
    navigation.NavItem(
        "Audit log",
        "core:audit-log",
        permission="core.view_audit_log",
        section="administration",
    )
)

dashboard.register(
    dashboard.Panel(
        key="waiting-for-approval",
        title="Waiting for your approval",
        template="core/panels/waiting.html",
        context=_waiting_context,
        applies_to=approvals.applies_to,
        group=dashboard.NEEDS_YOU,
        items="waiting",
        link=("See everything waiting for your approval", "core:approvals"),
        cacheable=True,
    )
)

dashboard.register(
    dashboard.Panel(
        key="recent-activity",
        title="Recent activity",
        template="core/panels/recent_activity.html",
        context=lambda request: {"events": recent_activity(user=request.user)},
        items="events",
        link=("See the full audit log", "core:audit-log", "core.view_audit_log"),
        cacheable=True,
    )
)

# Public pages every visitor sees alike, kept in the cache for visitors who are not signed in
# (core/public_cache.py). A page that counts its views must not be listed.
public_cache.register(
    "home",
    "core:accessibility",
    "core:privacy",
    "core:cookies",
    "governance:key-message-archive",
    "governance:key-message-detail",
    "governance:key-message-feed",
    "governance:business-plan-list",
    "governance:business-plan-detail",
    "governance:priority-detail",
    "reviews:library",
    "reviews:library-review",
    "training:catalogue",
    "training:course",
    "training:session",
)
public_cache.ignore(AuditEvent, Heartbeat)
public_cache.connect_signals()
# Audit events change nothing a kept dashboard panel shows that a write beside them does not
# (recent activity leaves reads out); a panel that logs each view writes one every time.
data_version.ignore(AuditEvent, Heartbeat)
data_version.connect_signals()

from django.urls import path

from safeguarding.accounts import sign_in_views, views, views_onboarding
from safeguarding.core.data_version import changes_nothing_shown

# Signing in and out writes the session, a last sign-in time and an audit event, none of
# which a kept dashboard panel shows: they leave everyone's kept panels alone (ADR 0038).

app_name = "accounts"

urlpatterns = [
    path(
        "accounts/sign-in/",
        changes_nothing_shown(views.SignInView.as_view()),
        name="sign-in",
    ),
    path(
        "accounts/two-factor/code/",
        changes_nothing_shown(sign_in_views.two_factor_verify),
        name="two-factor-verify",
    ),
    path(
        "accounts/organisation-sign-in/",
        sign_in_views.organisation_sign_in,
        name="organisation-sign-in",
    ),
    path(
        "accounts/organisation-sign-in/callback/",
        sign_in_views.organisation_sign_in_callback,
        name="organisation-sign-in-callback",
    ),
    path("accounts/two-factor/", sign_in_views.two_factor_manage, name="two-factor"),
    path("accounts/two-factor/set-up/", sign_in_views.two_factor_setup, name="two-factor-setup"),
    path(
        "accounts/two-factor/recovery-codes/",
        sign_in_views.two_factor_recovery_codes,
        name="two-factor-recovery-codes",
    ),
    path(
        "accounts/two-factor/turn-off/",
        sign_in_views.two_factor_disable,
        name="two-factor-disable",
    ),
    path("accounts/sign-out/", changes_nothing_shown(views.SignOutView.as_view()), name="sign-out"),
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "accounts/password-reset/sent/",
        views.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("accounts/", views.account, name="account"),
    path("accounts/tokens/new/", views.api_token_new, name="api-token-new"),
    path("accounts/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/new/", views.agency_new, name="agency-new"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency-detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency-edit"),
    path("people/", views.people_list, name="people-list"),
    path("people/invite/", views.person_invite, name="person-invite"),
    path("people/import/", views_onboarding.onboarding_import, name="onboarding-import"),
    path(
        "people/import/<int:pk>/",
        views_onboarding.onboarding_import_detail,
        name="onboarding-import-detail",
    ),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/roles/add/", views.person_role_add, name="person-role-add"),
    path(
        "people/<int:pk>/roles/<int:role_pk>/remove/",
        views.person_role_remove,
        name="person-role-remove",
    ),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person-deactivate"),
    path("partnerships/", views.partnership_list, name="partnership-list"),
    path("partnerships/<slug:slug>/edit/", views.partnership_edit, name="partnership-edit"),
    path(
        "partnerships/<slug:slug>/sign-in/",
        changes_nothing_shown(sign_in_views.partnership_sign_in),
        name="partnership-sign-in",
    ),
]

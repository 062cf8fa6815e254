"""Settings shared by every environment. Values that vary come from ``config.env``."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from csp.constants import NONE, SELF

from safeguarding.config.env import ENV, PROJECT_ROOT

BASE_DIR = PROJECT_ROOT
DATA_DIR = ENV.data_dir
DEBUG = bool(ENV.debug)
SECRET_KEY = ENV.secret_key or ""
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins
SITE_URL = ENV.site_url
DEFAULT_PARTNERSHIP = ENV.default_partnership

INSTALLED_APPS = [
    # Before django.contrib.admin so core's admin/base_site.html (the back office's
    # accessibility stylesheet) takes the place of Django's.
    "safeguarding.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "csp",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "safeguarding.accounts",
    "safeguarding.planning",
    "safeguarding.governance",
    "safeguarding.reviews",
    "safeguarding.assurance",
    "safeguarding.training",
    "safeguarding.performance",
    "safeguarding.comms",
    "safeguarding.library",
    "safeguarding.childdeaths",
    "safeguarding.reports",
    "safeguarding.search",
    "safeguarding.api",
    "safeguarding.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "safeguarding.core.middleware.AuditChannelMiddleware",
    "safeguarding.core.middleware.RefuseNulInQueryMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "safeguarding.core.middleware.NoStoreForSignedInMiddleware",
    "safeguarding.accounts.middleware.PartnershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "safeguarding.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "safeguarding.core.public_cache.PublicPageCacheMiddleware",
    "safeguarding.core.data_version.DataVersionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "safeguarding.config.urls"
WSGI_APPLICATION = "safeguarding.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safeguarding.core.context_processors.shell",
            ],
            "builtins": ["safeguarding.core.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "safeguarding.core.forms.GovukFormRenderer"

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite has one writer at a time. Taking the write lock when a transaction begins
    # (IMMEDIATE) and waiting for it (timeout, seconds) queues concurrent writers instead of
    # failing one with "database is locked" when it upgrades a read lock mid-transaction.
    # A 64 MB page cache per connection instead of SQLite's 2 MB: a search that matches a
    # few thousand rows reads them from memory rather than asking the operating system for
    # each page again (ADR 0040). Pages are allocated only as they are read.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA cache_size=-65536;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # reset links last two hours

# Sessions: closed after SESSION_IDLE_MINUTES without a request, and when the browser closes.
SESSION_IDLE_SECONDS = ENV.session_idle_minutes * 60

# Public pages kept for visitors who are not signed in, invalidated on every change; at most
# this long after a write that sends no signal (core/public_cache.py, ADR 0030). 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = ENV.public_page_cache_seconds

# Dashboard panels kept per person, out of date on every change (after commit, after every
# POST, task, job and command); at most this long after a change nothing signals
# (core/dashboard.py, core/data_version.py, ADR 0038). 0 turns it off.
DASHBOARD_PANEL_CACHE_SECONDS = ENV.dashboard_panel_cache_seconds

# The cache: local memory in each process by default; Redis, shared by every web process and
# the worker, when REDIS_URL is set (production with several web processes). Sessions then
# read through the cache and are still written to the database, so a Redis restart signs
# nobody out.
if ENV.redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV.redis_url,
            "KEY_PREFIX": "safeguarding",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed sign-ins (django-axes), per account.
AXES_FAILURE_LIMIT = ENV.lockout_failures
AXES_COOLOFF_TIME = timedelta(minutes=ENV.lockout_minutes)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
# Count failures per address whatever its letters' case, as sign-in matches it.
AXES_USERNAME_CALLABLE = "safeguarding.accounts.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safeguarding.accounts.sign_in_views.locked_out"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp, ADR 0011). Wrong codes count towards the axes lockout
# above, so django-otp's own per-device delay is off; the issuer names the site in apps.
OTP_TOTP_ISSUER = "Safeguarding partnership"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
TWO_FACTOR_PENDING_SECONDS = 10 * 60  # between the password and the second factor
# Client secrets of organisations' sign-in services are encrypted with this (ADR 0011).
SECRETS_ENCRYPTION_KEY = ENV.secrets_encryption_key
# Audit events younger than this are never archived (safeguarding archive-audit-log).
AUDIT_LOG_RETENTION_DAYS = ENV.audit_log_retention_days
# audit_record refuses a code no app declares (core/audit_catalogue.py) in development and
# tests; off in production, where a missed declaration must never lose an audit record.
AUDIT_STRICT_CODES = DEBUG

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
# Only what pages load: `npm run build` writes the stylesheet and copies GOV.UK Frontend's
# JavaScript, fonts and images into build/static (govuk/...). Its Sass and Nunjucks sources
# stay in node_modules, never collected.
STATICFILES_DIRS = [PROJECT_ROOT / "build" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "safeguarding.core.staticfiles.PagesOnlyAppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
FILE_UPLOAD_PERMISSIONS = 0o640

EMAIL_BACKEND = ENV.email_backend
EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_host_user
EMAIL_HOST_PASSWORD = ENV.email_host_password
EMAIL_USE_TLS = ENV.email_use_tls
EMAIL_FILE_PATH = DATA_DIR / "sent-emails"
# GOV.UK Notify (EMAIL_BACKEND=notify): one plain template with ((subject)) and ((body)).
GOVUK_NOTIFY_API_KEY = ENV.notify_api_key
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = ENV.notify_template_id
GOVUK_NOTIFY_BASE_URL = ENV.notify_base_url  # empty: Notify's own API
# The bearer token Notify sends with its delivery receipts (set the same value on Notify's
# "Callbacks for emails" page); empty turns the receipts address off.
NOTIFY_CALLBACK_TOKEN = ENV.notify_callback_token
# Bounces returned by mail to the sending mailbox (ADR 0039): `safeguarding read-bounces` and
# the schedule read a Maildir on this server, or an IMAP folder, when one is set.
BOUNCE_MAILDIR = ENV.bounce_maildir
BOUNCE_IMAP_HOST = ENV.bounce_imap_host
BOUNCE_IMAP_PORT = ENV.bounce_imap_port
BOUNCE_IMAP_USER = ENV.bounce_imap_user
BOUNCE_IMAP_PASSWORD = ENV.bounce_imap_password
BOUNCE_IMAP_FOLDER = ENV.bounce_imap_folder
DEFAULT_FROM_EMAIL = ENV.default_from_email
SERVER_EMAIL = ENV.default_from_email

# Background work: django-tasks (ADR 0005). The database backend is used in production
# with `safeguarding db_worker`; development and tests run tasks immediately.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV.tasks_immediate
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "safeguarding.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DATE_FORMAT": "%Y-%m-%d",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguarding Partnership Platform API",
    "DESCRIPTION": (
        "The REST API of the Safeguarding Partnership Platform. Authenticate with a personal "
        "token (Authorization: Token <token>), created on your account page or with the "
        "command safeguarding api-token create EMAIL. Dates are ISO YYYY-MM-DD."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Without deep links Swagger UI renders no links inside its operation buttons, which
    # would be interactive controls nested in each other (an accessibility failure); without
    # syntax highlighting its JSON examples are not coloured below the contrast minimum.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    # The 400, 401, 403 and 404 answers every operation can give (see safeguarding/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "safeguarding.api.schema.add_error_responses",
    ],
    # Choice sets that share a field name across apps get their own names in the document.
    "ENUM_NAME_OVERRIDES": {
        "AuditTemplateKindEnum": "safeguarding.assurance.models.templates.TemplateKind",
        "AuditReturnStatusEnum": "safeguarding.assurance.models.campaigns.ReturnStatus",
        "TemplateVersionStatusEnum": "safeguarding.assurance.models.templates.VersionStatus",
        "GovernanceActionStatusEnum": "safeguarding.governance.models.actions.ActionStatus",
    },
}

# Content Security Policy (django-csp, ADR 0012): scripts, styles, fonts and images only from
# our own origin (images also as data: URIs, which GOV.UK Frontend's and Swagger UI's
# stylesheets use); no inline script or style, no plug-ins, no framing, forms post only to
# us. CSP_REPORT_ONLY=true sends the same policy as Content-Security-Policy-Report-Only,
# for the first stage of the rollout (docs/deployment.md).
CSP_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"report-uri": [ENV.csp_report_uri]} if ENV.csp_report_uri else {}),
    }
}
if ENV.csp_report_only:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = CSP_POLICY
else:
    CONTENT_SECURITY_POLICY = CSP_POLICY

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Lockout is per account, not per IP address: a council or NHS office shares one address
# behind NAT, and locking the address would lock out a whole building (ADR 0002).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Child death overview clocks (safeguarding/childdeaths/clocks.py): the targets, in days.
CHILD_DEATH_TARGETS = {
    "notification_days": 2,  # death to notification of the child death review partners
    "report_days": 28,  # an agency's report is due this many days after it is asked
    "panel_days": 183,  # death to the panel's review
    "chase_every_days": 7,  # chase an overdue report this often
}

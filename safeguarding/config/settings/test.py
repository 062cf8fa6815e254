"""The test suite: fast hashing, emails kept in memory, tasks run immediately."""

from safeguarding.config.settings.base import *  # noqa: F403
from safeguarding.config.settings.base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-" + "x" * 30
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests never read a real bounce mailbox; the bounce tests point at a Maildir of their own.
BOUNCE_MAILDIR = ""
BOUNCE_IMAP_HOST = ""
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_FAILURE_LIMIT = 5
# The cache outlives each test's rolled-back database: a page kept in one test would be served
# in the next. Tests of the public page cache turn it on (core/tests/test_public_cache.py).
PUBLIC_PAGE_CACHE_SECONDS = 0
# The same for dashboard panels kept per person; and inside a test's transaction nothing is
# committed, so a change made without a request would not show. Tests of the panel cache
# turn it on (core/tests/test_dashboard_cache.py).
DASHBOARD_PANEL_CACHE_SECONDS = 0
# Tests serve static files from the finders (nothing is collected), so no STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploaded files written by tests go to a throw-away folder, never the developer's data.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="safeguarding-test-media-"))


# On SQLite the test database is a throw-away file, not Django's shared in-memory database:
# in shared-cache memory SQLite reports a busy table at once ("database table is locked")
# and ignores the timeout, so the tests of concurrent bookings failed on a loaded machine.
# No fsync: the file is deleted at the end of the run.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="safeguarding-test-db-")) / "test.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA synchronous=OFF;"  # noqa: F405
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # The same for PostgreSQL's throw-away test database: a commit (live-server and other
    # transactional tests, and creating the database) does not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# Quiet in test and benchmark output: each task's start and end, and WeasyPrint's steps.
LOGGING["loggers"].update(  # noqa: F405
    {
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    }
)

# A test fails on an audit event code no app declares (core/audit_catalogue.py).
AUDIT_STRICT_CODES = True

"""The one place that reads the process environment.

Every setting that can change between machines is read here, once, typed and
checked. A missing or malformed value raises :class:`ConfigurationError` whose
message names the variable, says what is wrong and how to fix it. Settings
modules import the ``Env`` instance; nothing else reads ``os.environ``.

Every variable is documented in ``docs/configuration.md`` and ``.env.example``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

PROJECT_ROOT = Path(__file__).resolve().parents[2]

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
    "notify": "safeguarding.core.notify.NotifyBackend",
}


class ConfigurationError(ImproperlyConfigured):
    """A configuration value is missing or malformed; the message says how to fix it."""


@dataclass(frozen=True)
class Reader:
    environ: Mapping[str, str]

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return default
        return value.strip()

    def required(self, name: str, why: str) -> str:
        value = self.text(name)
        if value is None:
            raise ConfigurationError(
                f"{name} is not set. {why} Set it in the environment or in .env "
                f"(see docs/configuration.md)."
            )
        return value

    def boolean(self, name: str, default: bool | None) -> bool | None:
        raw = self.environ.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ConfigurationError(
            f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}."
        )

    def integer(self, name: str, default: int, *, minimum: int = 0) -> int:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigurationError(f"{name} must be a whole number, not {raw!r}.") from None
        if value < minimum:
            raise ConfigurationError(f"{name} must be at least {minimum}, not {value}.")
        return value

    def word_list(self, name: str, default: list[str]) -> list[str]:
        raw = self.text(name)
        if raw is None:
            return default
        return [part.strip() for part in raw.split(",") if part.strip()]


def _read_dotenv(path: Path) -> dict[str, str]:
    """Values from a ``.env`` file (KEY=value lines); the real environment wins."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ConfigurationError(f"{path}, line {number}: expected NAME=value, found {line!r}.")
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


@dataclass(frozen=True)
class Env:
    debug: bool | None
    data_dir: Path
    database_url: str
    secret_key: str | None
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    site_url: str
    email_backend: str
    email_host: str
    email_port: int
    email_host_user: str
    email_host_password: str
    email_use_tls: bool
    notify_api_key: str
    notify_template_id: str
    notify_base_url: str
    notify_callback_token: str
    default_from_email: str
    session_idle_minutes: int
    public_page_cache_seconds: int
    dashboard_panel_cache_seconds: int
    redis_url: str | None
    lockout_failures: int
    lockout_minutes: int
    secrets_encryption_key: str | None
    tasks_immediate: bool | None
    default_partnership: str | None
    demo_password: str | None
    log_level: str
    csp_report_only: bool = False
    csp_report_uri: str = ""
    audit_log_retention_days: int = 2557
    bounce_maildir: str = ""
    bounce_imap_host: str = ""
    bounce_imap_port: int = 993
    bounce_imap_user: str = ""
    bounce_imap_password: str = ""
    bounce_imap_folder: str = "INBOX"

    def development_secret_key(self) -> str:
        """A random key kept in the data directory, so development sessions survive restarts."""
        if self.secret_key:
            return self.secret_key
        key_file = self.data_dir / "development-secret-key"
        if not key_file.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
        return key_file.read_text().strip()


def load(environ: Mapping[str, str] | None = None) -> Env:
    source = dict(_read_dotenv(PROJECT_ROOT / ".env"))
    source.update(os.environ if environ is None else environ)
    read = Reader(source)

    data_dir = Path(read.text("SAFEGUARDING_DATA_DIR") or PROJECT_ROOT / "var").resolve()
    database_url = read.text("DATABASE_URL") or f"sqlite:///{data_dir / 'db.sqlite3'}"
    scheme = urlparse(database_url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(
            f"DATABASE_URL must start with sqlite:/// or postgres://, not {scheme or 'nothing'}:// "
            f"— for example postgres://user:password@127.0.0.1:5432/safeguarding."
        )

    backend_name = (read.text("EMAIL_BACKEND") or "console").lower()
    if backend_name not in EMAIL_BACKENDS:
        raise ConfigurationError(
            f"EMAIL_BACKEND must be one of {', '.join(sorted(EMAIL_BACKENDS))}, "
            f"not {backend_name!r}."
        )

    notify_api_key = read.text("NOTIFY_API_KEY") or ""
    notify_template_id = read.text("NOTIFY_TEMPLATE_ID") or ""
    if backend_name == "notify" and not (notify_api_key and notify_template_id):
        raise ConfigurationError(
            "EMAIL_BACKEND=notify needs NOTIFY_API_KEY (from GOV.UK Notify's API integration "
            "page) and NOTIFY_TEMPLATE_ID (a template whose subject is ((subject)) and body is "
            "((body)))."
        )

    bounce_imap_host = read.text("BOUNCE_IMAP_HOST") or ""
    bounce_imap_user = read.text("BOUNCE_IMAP_USER") or ""
    bounce_imap_password = read.text("BOUNCE_IMAP_PASSWORD") or ""
    if bounce_imap_host and not (bounce_imap_user and bounce_imap_password):
        raise ConfigurationError(
            "BOUNCE_IMAP_HOST needs BOUNCE_IMAP_USER and BOUNCE_IMAP_PASSWORD: the sign-in of "
            "the mailbox bulletin bounces arrive in."
        )

    site_url = (read.text("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
    if urlparse(site_url).scheme not in {"http", "https"}:
        raise ConfigurationError(
            f"SITE_URL must be a full address such as https://safeguarding.example.org, "
            f"not {site_url!r}."
        )

    return Env(
        debug=read.boolean("DEBUG", None),  # type: ignore[arg-type]
        data_dir=data_dir,
        database_url=database_url,
        secret_key=read.text("SECRET_KEY"),
        allowed_hosts=read.word_list("ALLOWED_HOSTS", []),
        csrf_trusted_origins=read.word_list("CSRF_TRUSTED_ORIGINS", []),
        site_url=site_url,
        email_backend=EMAIL_BACKENDS[backend_name],
        email_host=read.text("EMAIL_HOST") or "localhost",
        email_port=read.integer("EMAIL_PORT", 25, minimum=1),
        email_host_user=read.text("EMAIL_HOST_USER") or "",
        email_host_password=read.text("EMAIL_HOST_PASSWORD") or "",
        email_use_tls=read.boolean("EMAIL_USE_TLS", False),
        notify_api_key=notify_api_key,
        notify_template_id=notify_template_id,
        notify_base_url=(read.text("NOTIFY_BASE_URL") or "").rstrip("/"),
        notify_callback_token=read.text("NOTIFY_CALLBACK_TOKEN") or "",
        default_from_email=read.text("DEFAULT_FROM_EMAIL") or "safeguarding@localhost",
        session_idle_minutes=read.integer("SESSION_IDLE_MINUTES", 30, minimum=1),
        public_page_cache_seconds=read.integer("PUBLIC_PAGE_CACHE_SECONDS", 60),
        dashboard_panel_cache_seconds=read.integer("DASHBOARD_PANEL_CACHE_SECONDS", 60),
        redis_url=read.text("REDIS_URL"),
        lockout_failures=read.integer("LOCKOUT_FAILURES", 5, minimum=1),
        lockout_minutes=read.integer("LOCKOUT_MINUTES", 30, minimum=1),
        secrets_encryption_key=read.text("SECRETS_ENCRYPTION_KEY"),
        audit_log_retention_days=read.integer("AUDIT_LOG_RETENTION_DAYS", 2557, minimum=365),
        tasks_immediate=read.boolean("TASKS_IMMEDIATE", None),  # type: ignore[arg-type]
        default_partnership=read.text("DEFAULT_PARTNERSHIP"),
        demo_password=read.text("DEMO_PASSWORD"),
        log_level=(read.text("LOG_LEVEL") or "INFO").upper(),
        csp_report_only=bool(read.boolean("CSP_REPORT_ONLY", False)),
        csp_report_uri=read.text("CSP_REPORT_URI") or "",
        bounce_maildir=read.text("BOUNCE_MAILDIR") or "",
        bounce_imap_host=bounce_imap_host,
        bounce_imap_port=read.integer("BOUNCE_IMAP_PORT", 993, minimum=1),
        bounce_imap_user=bounce_imap_user,
        bounce_imap_password=bounce_imap_password,
        bounce_imap_folder=read.text("BOUNCE_IMAP_FOLDER") or "INBOX",
    )


ENV = load()

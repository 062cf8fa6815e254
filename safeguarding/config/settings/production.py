"""Production: refuses to start without a secret key and allowed hosts; HTTPS only."""

from safeguarding.config.env import ENV, ConfigurationError
from safeguarding.config.settings.base import *  # noqa: F403

if not ENV.secret_key or len(ENV.secret_key) < 50:
    raise ConfigurationError(
        "SECRET_KEY is missing or shorter than 50 characters. Production refuses to start "
        "without one. Generate one with: python -c 'import secrets; "
        "print(secrets.token_urlsafe(64))' and set SECRET_KEY."
    )
if not ENV.allowed_hosts:
    raise ConfigurationError(
        "ALLOWED_HOSTS is not set. Production refuses to start without the host names it "
        "serves, for example ALLOWED_HOSTS=safeguarding.example.org"
    )
if ENV.debug:
    raise ConfigurationError("DEBUG must be false in production; unset it or set DEBUG=false.")

DEBUG = False
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"
X_FRAME_OPTIONS = "DENY"

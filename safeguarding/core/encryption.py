"""Encrypting the few secrets kept in the database, such as an organisation's client secret.

Fernet (AES with an HMAC) from ``cryptography``, with a key derived from
``SECRETS_ENCRYPTION_KEY`` (or ``SECRET_KEY`` when that is not set). A database copy without
the key does not reveal the secrets. If the key changes, the secrets must be entered again.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class SecretUnreadable(Exception):
    """The stored secret was encrypted with another key: enter it again."""


def _fernet() -> Fernet:
    key = settings.SECRETS_ENCRYPTION_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(f"safeguarding.encryption:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "The stored secret cannot be read with the current encryption key. Enter it again."
        ) from None

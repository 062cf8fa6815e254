"""Reading bounce messages: what failed, for which address, and which bulletin email it was.

With SMTP, a bulletin email that cannot be delivered comes back as mail to the sending
mailbox, in the format of whichever mail server gave up (ADR 0039). ``flufl.bounce`` (the
bounce detectors of GNU Mailman) reads RFC 3464 delivery status notifications and the
formats of many mail servers and answers which addresses failed for good and which are only
delayed. This module adds what flufl.bounce does not give: the reference of the bulletin
email that bounced (``X-Delivery-Reference``, found in the original message or headers the
bounce returns) and each address's status code, so that a delivery that finally gave up on a
temporary problem (``4.x.x``) is not taken for an address that does not exist.

It also reads the mailboxes the bounces arrive in: a Maildir on this server or an IMAP
folder. Each source yields :class:`Incoming` messages and marks one as read only when asked,
after the message's outcome is saved.
"""

from __future__ import annotations

import email
import imaplib
import mailbox
import re
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

from django.conf import settings
from flufl.bounce import all_failures

REFERENCE_HEADER = "X-Delivery-Reference"
_REFERENCE_LINE = re.compile(
    rf"^{REFERENCE_HEADER}:[ \t]*(bulletin-delivery-\d{{1,18}})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_STATUS = re.compile(r"^\s*([245])\.\d{1,3}\.\d{1,3}")
PERMANENT = "permanent"
TEMPORARY = "temporary"  # the mail server gave up, but on a problem that may pass (4.x.x)
DELAYED = "delayed"  # the mail server is still trying


@dataclass(frozen=True)
class Failure:
    address: str  # lower case
    kind: str  # PERMANENT, TEMPORARY or DELAYED


@dataclass
class Bounce:
    """What one message says: the addresses that failed and the references of the bulletin
    emails it returns (empty when the message is not a bounce at all)."""

    failures: list[Failure] = field(default_factory=list)
    references: set[str] = field(default_factory=set)


def bounce_read(message: Message) -> Bounce:
    """Read one message. An auto-reply or any other mail that is not a bounce has no
    failures."""
    delayed, failed = all_failures(message)
    statuses = _dsn_statuses(message)
    failures: dict[str, Failure] = {}
    for raw in failed:
        address = _address(raw)
        if address:
            status = statuses.get(address, "")
            kind = TEMPORARY if status.startswith("4") else PERMANENT
            failures[address] = Failure(address, kind)
    for raw in delayed:
        address = _address(raw)
        if address and address not in failures:
            failures[address] = Failure(address, DELAYED)
    return Bounce(
        failures=sorted(failures.values(), key=lambda f: f.address),
        references=(_returned_references(message) if failures else set()),
    )


def _address(raw: bytes) -> str:
    return raw.decode("ascii", "replace").strip().strip("<>").lower()


def _dsn_statuses(message: Message) -> dict[str, str]:
    """Each recipient's status code (``5.1.1``) from the message's delivery-status parts."""
    statuses: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status" or not part.is_multipart():
            continue
        for block in part.get_payload():
            if not isinstance(block, Message):
                continue
            matched = _STATUS.match(str(block.get("Status", "")))
            if matched is None:
                continue
            for header in ("Final-Recipient", "Original-Recipient"):
                value = str(block.get(header, ""))
                _type, _, address = value.partition(";")
                address = address.strip().strip("<>").lower()
                if address:
                    statuses.setdefault(address, matched.group(0).strip())
    return statuses


def _returned_references(message: Message) -> set[str]:
    """The ``X-Delivery-Reference`` of the original email a bounce returns: in its
    ``message/rfc822`` or ``text/rfc822-headers`` part, or quoted in the text of the bounce
    (as Exim and others return the original). The bounce's own headers are never read:
    they are the bouncing server's, not ours."""
    references: set[str] = set()
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822" and part.is_multipart():
            for original in part.get_payload():
                if not isinstance(original, Message):
                    continue
                value = original.get(REFERENCE_HEADER)
                if value:
                    references.add(str(value).strip())
        elif content_type == "text/rfc822-headers":
            headers = HeaderParser().parsestr(_text(part), headersonly=True)
            value = headers.get(REFERENCE_HEADER)
            if value:
                references.add(str(value).strip())
        elif content_type == "text/plain":
            references.update(_REFERENCE_LINE.findall(_text(part)))
    return {reference for reference in references if reference.startswith("bulletin-delivery-")}


def _text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    return str(part.get_payload())


# Where the messages come from ----------------------------------------------------------------


class MailboxError(Exception):
    """The mailbox cannot be read; the message says why and what to check."""


@dataclass
class Incoming:
    name: str  # names the message in errors: the Maildir key or the IMAP folder and UID
    message: Message
    mark_read: Callable[[], None]


def maildir_messages(path: str | Path) -> Iterator[Incoming]:
    """Every message of a Maildir not yet marked seen (the ``S`` flag). Marking one read
    moves it to ``cur`` with the flag, as mail programs do."""
    root = Path(path)
    if not all((root / sub).is_dir() for sub in ("new", "cur", "tmp")):
        raise MailboxError(
            f"{root} is not a Maildir: it needs the folders new, cur and tmp. Give the "
            "folder the mail server delivers the bounce mailbox to."
        )
    box = mailbox.Maildir(root, factory=None, create=False)
    for key in sorted(box.keys()):
        try:
            held = box.get_message(key)
        except KeyError:  # taken by another reader meanwhile
            continue
        if "S" in held.get_flags():
            continue
        message = email.message_from_bytes(box.get_bytes(key))

        def mark_read(key: str = key, held: mailbox.MaildirMessage = held) -> None:
            held.set_subdir("cur")
            held.add_flag("S")
            box[key] = held

        yield Incoming(name=key, message=message, mark_read=mark_read)


def imap_messages(
    *, host: str, port: int, user: str, password: str, folder: str
) -> Iterator[Incoming]:
    """Every unseen message of an IMAP folder (over TLS), read without marking it seen;
    marking one read sets ``\\Seen``."""
    try:
        imap = imaplib.IMAP4_SSL(host, port, ssl_context=ssl.create_default_context(), timeout=60)
    except OSError as error:
        raise MailboxError(
            f"Cannot reach the IMAP server {host}:{port} ({error}). Check BOUNCE_IMAP_HOST "
            "and BOUNCE_IMAP_PORT (IMAP over TLS, usually 993)."
        ) from None
    try:
        try:
            imap.login(user, password)
            status, _ = imap.select(_quoted(folder))
        except imaplib.IMAP4.error as error:
            raise MailboxError(
                f"The IMAP server refused the sign-in or the folder {folder!r} ({error}). "
                "Check BOUNCE_IMAP_USER, BOUNCE_IMAP_PASSWORD and BOUNCE_IMAP_FOLDER."
            ) from None
        if status != "OK":
            raise MailboxError(f"There is no IMAP folder {folder!r}. Check BOUNCE_IMAP_FOLDER.")
        _status, found = imap.uid("SEARCH", "UNSEEN")
        for uid in (found[0] or b"").decode().split():
            _status, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), None)
            if raw is None:
                continue

            def mark_read(uid: str = uid) -> None:
                imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")

            yield Incoming(
                name=f"{folder} UID {uid}",
                message=email.message_from_bytes(raw),
                mark_read=mark_read,
            )
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.error, OSError):
            pass


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bounce_sources() -> list[Iterator[Incoming]]:
    """The configured bounce mailboxes (settings ``BOUNCE_MAILDIR``, ``BOUNCE_IMAP_*``):
    none, one or both."""
    sources: list[Iterator[Incoming]] = []
    if settings.BOUNCE_MAILDIR:
        sources.append(maildir_messages(settings.BOUNCE_MAILDIR))
    if settings.BOUNCE_IMAP_HOST:
        sources.append(imap_from_settings())
    return sources


def imap_from_settings() -> Iterator[Incoming]:
    if not settings.BOUNCE_IMAP_HOST:
        raise MailboxError(
            "No IMAP mailbox is set: set BOUNCE_IMAP_HOST, BOUNCE_IMAP_USER and "
            "BOUNCE_IMAP_PASSWORD (and BOUNCE_IMAP_FOLDER if the bounces are filed in a "
            "folder other than INBOX)."
        )
    return imap_messages(
        host=settings.BOUNCE_IMAP_HOST,
        port=settings.BOUNCE_IMAP_PORT,
        user=settings.BOUNCE_IMAP_USER,
        password=settings.BOUNCE_IMAP_PASSWORD,
        folder=settings.BOUNCE_IMAP_FOLDER,
    )

"""What the key-message reader finds in a document, and the normalised title by which a
re-import recognises a message it has seen. The readers build these and the services store
them, so they live here, below the services (the readers import no service)."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

TITLE_MAX = 200


def title_key(title: str) -> str:
    """A title normalised so that re-imports find the same message: case, accents, quotes,
    dashes and punctuation do not matter."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())[:TITLE_MAX]


@dataclass
class ImportedMessage:
    meeting_date: datetime.date
    meeting_date_precision: str
    meeting_title: str
    title: str
    body: str
    position: int
    title_derived: bool = False  # made from the first words: no title in the document
    date_note: str = ""  # how the meeting date was found, when not from a heading
    line: int = 0  # where the title (or the message) starts in the document

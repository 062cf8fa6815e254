"""Reading key-messages documents: plain text, Markdown, Word (.docx) and HTML.

Each reader turns a file into a list of :class:`Block` (heading, paragraph or list item,
with its inline text as segments that remember links and bold). One format-independent
pass (:func:`messages_from_blocks`) then finds:

* meeting headings — short lines with a date: “March 2024”, “Executive meeting – 12 March
  2024”, “Board meeting held on 7th December 2016”, “12/03/2024”;
* message titles — heading lines (explicit headings, a bold line, or a short line of its own
  without a full stop), inline titles (“Online harm – Young people…”, “Online harm: Young
  people…”, a bold lead-in), a short line ending with a colon that introduces a list, and
  list items directly under a meeting heading;
* bodies — paragraphs and numbered or bulleted lists, written as Markdown, keeping links.

Nothing here touches the database: :func:`read_document` raises :class:`DocumentError`
with a reason a person can act on, and the management command decides what to write.
"""

from safeguarding.governance.importing.blocks import DocumentError
from safeguarding.governance.importing.headings import inline_title
from safeguarding.governance.importing.readers import read_document, read_text
from safeguarding.governance.importing.structure import (
    Reading,
    messages_from_blocks,
    parse_document,
    parse_text,
    read_key_messages,
    read_text_messages,
)

__all__ = [
    "Reading",
    "read_key_messages",
    "read_text_messages",
    "DocumentError",
    "inline_title",
    "messages_from_blocks",
    "parse_document",
    "parse_text",
    "read_document",
    "read_text",
]

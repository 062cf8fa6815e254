"""What an import found and did, the same for the command line (``--json``) and the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowProblem:
    row: int | None  # None: the whole file
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "reason": self.reason}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowProblem] = field(default_factory=list)
    skips: list[RowProblem] = field(default_factory=list)
    written: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Rows not written: skipped with a reason, or already up to date."""
        return len(self.skips) + self.unchanged

    def as_json(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [e.as_dict() for e in self.errors],
            "unchanged": self.unchanged,
            "skips": [s.as_dict() for s in self.skips],
            "written": self.written,
        }


def header_key(text: str) -> str:
    """A column name compared loosely: case, spaces, underscores and hyphens ignored."""
    return re.sub(r"[\s_\-]+", "", text.strip().lower())


def find_columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """``{field: column}`` for each wanted field whose column (any of its names) is present."""
    present = {header_key(h): h for h in header}
    found = {}
    for name, aliases in wanted.items():
        for alias in aliases:
            if header_key(alias) in present:
                found[name] = present[header_key(alias)]
                break
    return found

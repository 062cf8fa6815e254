"""Statistical disclosure control for every child death count that leaves the CDOP.

One function, :func:`protect`, decides which counts of a set of linked tables may be shown.
Every public or aggregate output (the public figures page, the yearly report's child death
section) builds its tables as cells and *groups* — the cells of a row or column and the
total they add up to — and shows only what :func:`protect` returns.

The method (ADR 0023):

1. **Primary suppression.** Every count from 1 to 4 is withheld. Zero is shown as 0: a zero
   names nobody, and withholding it would only make the tables harder to read.
2. **Secondary (complementary) suppression.** In any group where exactly one member is
   withheld, the next-smallest non-zero member is withheld too (a cell before the total), so
   that no withheld count is the total minus the cells shown. Withholding spreads across
   linked tables, because a cell shared by two tables (a year's total, the grand total) is one
   cell. Where a group's total is shown and its withheld cells could only all be 1 (their sum
   equals their number — every withheld cell is at least 1 because zeros are shown), one more
   cell is withheld.
3. **Audit.** The withheld cells are then checked as unknowns of the linear equations the
   groups make; any withheld cell the equations pin to one value (for example a cell on the
   only path between two otherwise protected parts of a two-way table) gets one more
   complement. Steps 2 and 3 repeat until nothing changes.

Every withheld count shows the same words, :data:`WITHHELD`. Labelling the small counts
“fewer than 5” and the complements something else would tell a reader that the complements
are 5 or more, and a total of 6 with one of each would then give away a 1.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

SMALL_NUMBER = 5
WITHHELD = "not shown"
WITHHELD_NOTE = (
    "To protect families, counts of fewer than 5 are not shown, nor is any other count that "
    "would let one be worked out from a total: each shows “not shown”. Zero is shown as 0."
)

Key = Hashable
Shown = int | str


@dataclass(frozen=True)
class Group:
    """Cells that add up to a total: one row or column of a table with its total."""

    cells: tuple[Key, ...]
    total: Key

    @property
    def members(self) -> tuple[Key, ...]:
        return (*self.cells, self.total)


def protect(counts: Mapping[Key, int], groups: Iterable[Group]) -> dict[Key, Shown]:
    """Every count of ``counts`` as it may be shown: the number, or :data:`WITHHELD`.

    ``groups`` says which cells add up to which totals; every key a group names must be in
    ``counts``, and the counts must add up (they come from one query)."""
    groups = list(groups)
    for group in groups:
        missing = [key for key in group.members if key not in counts]
        if missing:
            raise KeyError(f"No count for {missing!r}")
    hidden = withheld(counts, groups)
    return {key: (WITHHELD if key in hidden else value) for key, value in counts.items()}


def withheld(counts: Mapping[Key, int], groups: Sequence[Group]) -> set[Key]:
    """The keys whose counts are withheld (primary, then secondary until stable)."""
    hidden = {key for key, value in counts.items() if 0 < value < SMALL_NUMBER}
    while True:
        added = _complement_once(counts, groups, hidden)
        if added is None:
            added = _audit_once(counts, groups, hidden)
        if added is None:
            return hidden
        hidden.add(added)


def _smallest_shown(counts: Mapping[Key, int], group: Group, hidden: set[Key]) -> Key | None:
    """The group's smallest non-zero count still shown, a cell before the total."""
    candidates = [
        (member == group.total, counts[member], position, member)
        for position, member in enumerate(group.members)
        if member not in hidden and counts[member] > 0
    ]
    return min(candidates, key=lambda c: c[:3])[3] if candidates else None


def _complement_once(
    counts: Mapping[Key, int], groups: Sequence[Group], hidden: set[Key]
) -> Key | None:
    for group in groups:
        withheld_members = [m for m in group.members if m in hidden]
        if len(withheld_members) == 1:
            return _smallest_shown(counts, group, hidden)
        withheld_cells = [c for c in group.cells if c in hidden]
        if (
            group.total not in hidden
            and len(withheld_cells) >= 2
            and sum(counts[c] for c in withheld_cells) == len(withheld_cells)
        ):
            found = _smallest_shown(counts, group, hidden)
            if found is not None:
                return found
    return None


def determined(groups: Sequence[Group], hidden: set[Key]) -> set[Key]:
    """The withheld keys the groups' equations pin to one value, whatever the others are.

    Each group is the equation sum(cells) - total = 0; the shown counts are constants, the
    withheld ones unknowns. An unknown is determined exactly when its unit vector lies in
    the row space of the equations, that is when the reduced row echelon form has a row with
    that unknown alone."""
    unknowns = sorted(hidden, key=repr)
    column = {key: index for index, key in enumerate(unknowns)}
    rows: list[dict[int, Fraction]] = []
    for group in groups:
        row: dict[int, Fraction] = {}
        for cell in group.cells:
            if cell in column:
                row[column[cell]] = row.get(column[cell], Fraction(0)) + 1
        if group.total in column:
            row[column[group.total]] = row.get(column[group.total], Fraction(0)) - 1
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: list[tuple[int, dict[int, Fraction]]] = []  # reduced rows by pivot column
    for row in rows:
        for pivot, reduced in pivots:
            if pivot in row:
                factor = row[pivot]
                for c, v in reduced.items():
                    row[c] = row.get(c, Fraction(0)) - factor * v
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {c: v / scale for c, v in row.items()}
        for index, (other_pivot, other) in enumerate(pivots):
            if pivot in other:
                factor = other[pivot]
                for c, v in row.items():
                    other[c] = other.get(c, Fraction(0)) - factor * v
                pivots[index] = (other_pivot, {c: v for c, v in other.items() if v})
        pivots.append((pivot, row))
    return {unknowns[pivot] for pivot, row in pivots if len(row) == 1}


def _audit_once(counts: Mapping[Key, int], groups: Sequence[Group], hidden: set[Key]) -> Key | None:
    exposed = determined(groups, hidden)
    if not exposed:
        return None
    for key in sorted(exposed, key=repr):
        for group in groups:
            if key in group.members:
                found = _smallest_shown(counts, group, hidden)
                if found is not None:
                    return found
    shown = [
        (value, repr(key), key) for key, value in counts.items() if key not in hidden and value
    ]
    return min(shown)[2] if shown else None

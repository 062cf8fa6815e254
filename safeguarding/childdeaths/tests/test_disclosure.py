"""Secondary suppression: for random tables, no withheld count can be worked out from the
counts shown and the totals — checked here by code independent of the suppression's own."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding.childdeaths.disclosure import WITHHELD, Group, protect

ALL = "all"
count = st.one_of(st.integers(0, 6), st.integers(0, 60))


def _rank(matrix: list[list[Fraction]]) -> int:
    rows = [row[:] for row in matrix]
    rank = 0
    width = len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col] != 0:
                factor = rows[r][col] / rows[rank][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _derivable(groups: list[Group], hidden: list) -> list:
    """The withheld keys the equations fix: those whose unit vector is in the row space of
    the equations in the withheld unknowns (adding it does not raise the rank)."""
    matrix = []
    for group in groups:
        row = [Fraction(0)] * len(hidden)
        for index, key in enumerate(hidden):
            row[index] += sum(1 for cell in group.cells if cell == key)
            row[index] -= 1 if group.total == key else 0
        matrix.append(row)
    if not hidden:
        return []
    full = _rank(matrix)
    found = []
    for index, key in enumerate(hidden):
        unit = [Fraction(int(i == index)) for i in range(len(hidden))]
        if _rank([*matrix, unit]) == full:
            found.append(key)
    return found


def _check(counts: dict, groups: list[Group]) -> dict:
    shown = protect(counts, groups)
    hidden = sorted((k for k, v in shown.items() if v == WITHHELD), key=repr)
    for key, value in shown.items():
        assert value == WITHHELD or not 0 < value < 5, (key, value)
        assert value == WITHHELD or value == counts[key]
    for group in groups:
        withheld = [m for m in group.members if shown[m] == WITHHELD]
        assert len(withheld) != 1, (group, shown)
    assert _derivable(groups, hidden) == [], shown
    return shown


def _one_way(cells: list[int]) -> tuple[dict, list[Group]]:
    counts = {("cell", i): n for i, n in enumerate(cells)}
    counts["total"] = sum(cells)
    return counts, [Group(tuple(("cell", i) for i in range(len(cells))), "total")]


def _two_way(table: list[list[int]]) -> tuple[dict, list[Group]]:
    """Rows (years) by columns (categories), with row totals, column totals (all years) and
    the grand total — the shape of the public figures."""
    counts: dict = {}
    groups = []
    width = len(table[0])
    for r, row in enumerate(table):
        for c, n in enumerate(row):
            counts[(r, c)] = n
        counts[(r, "total")] = sum(row)
        groups.append(Group(tuple((r, c) for c in range(width)), (r, "total")))
    for c in range(width):
        counts[(ALL, c)] = sum(row[c] for row in table)
        groups.append(Group(tuple((r, c) for r in range(len(table))), (ALL, c)))
    counts[(ALL, "total")] = sum(map(sum, table))
    groups.append(Group(tuple((ALL, c) for c in range(width)), (ALL, "total")))
    groups.append(Group(tuple((r, "total") for r in range(len(table))), (ALL, "total")))
    return counts, groups


@settings(max_examples=200, deadline=None)
@given(st.lists(count, min_size=1, max_size=10))
def test_a_one_way_table_never_gives_a_withheld_count_away(cells):
    counts, groups = _one_way(cells)
    shown = _check(counts, groups)
    # Every withheld count is at least 1 (zeros are shown): enumerate every way the withheld
    # cells could add up to what the shown total leaves, and each must take two values.
    hidden = [k for k in counts if k != "total" and shown[k] == WITHHELD]
    if hidden and shown["total"] != WITHHELD:
        rest = counts["total"] - sum(v for k, v in shown.items() if k not in (*hidden, "total"))
        if rest <= 20 and len(hidden) <= 5:
            solutions = [
                combo
                for combo in itertools.product(range(1, rest + 1), repeat=len(hidden))
                if sum(combo) == rest
            ]
            for index in range(len(hidden)):
                assert len({combo[index] for combo in solutions}) >= 2, (cells, shown)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(count, min_size=width, max_size=width), min_size=1, max_size=4
        )
    )
)
def test_a_two_way_table_with_its_margins_never_gives_a_withheld_count_away(table):
    _check(*_two_way(table))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(count, count, count, count), min_size=1, max_size=3),
)
def test_linked_tables_sharing_their_totals_never_give_a_withheld_count_away(rows):
    """Two breakdowns of the same deaths (say category, and expected or not) share each
    year's total and the grand total."""
    counts: dict = {}
    groups = []
    by_category = [list(row[:3]) for row in rows]
    by_expected = [
        [min(row[3], sum(row[:3])), sum(row[:3]) - min(row[3], sum(row[:3]))] for row in rows
    ]
    for name, table in (("a", by_category), ("b", by_expected)):
        part, part_groups = _two_way(table)
        for key, value in part.items():
            shared = key[1] == "total"
            counts[key if shared else (name, *key)] = value
        for group in part_groups:
            rename = lambda k, n=name: k if k[1] == "total" else (n, *k)  # noqa: E731
            groups.append(Group(tuple(map(rename, group.cells)), rename(group.total)))
    _check(counts, groups)


def test_the_worked_example_withholds_the_next_smallest_count():
    counts, groups = _one_way([3, 7, 12, 0])
    shown = protect(counts, groups)
    assert [shown[("cell", i)] for i in range(4)] == [WITHHELD, WITHHELD, 12, 0]
    assert shown["total"] == 22


def test_a_small_total_is_withheld_with_its_cells():
    counts, groups = _one_way([2, 0, 1])
    shown = protect(counts, groups)
    assert shown["total"] == WITHHELD
    assert shown[("cell", 1)] == 0


def test_two_withheld_ones_beside_a_shown_total_get_a_third():
    # 1 + 1 withheld beside a total of 12 would be 1 and 1 (a withheld count is never 0).
    counts, groups = _one_way([1, 1, 10])
    shown = protect(counts, groups)
    assert shown[("cell", 2)] == WITHHELD and shown["total"] == 12

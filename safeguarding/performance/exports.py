"""The finance summary as CSV and as an Excel workbook (openpyxl)."""

from __future__ import annotations

from safeguarding.core import exports as spreadsheet
from safeguarding.performance.models import StatutoryGroup
from safeguarding.performance.selectors.finance import FinanceSummary

SUMMARY_HEADER = [
    "Financial year",
    *[f"{label} contribution (£)" for label in StatutoryGroup.labels],
    "Statutory partners total (£)",
    "Equal share check",
    "Other contributions (£)",
    "Total income (£)",
    "Budget (£)",
    "Spend (£)",
    "Surplus or deficit (£)",
    "Reserve brought forward (£)",
    "Reserve carried forward (£)",
]


def summary_rows(summaries: list[FinanceSummary]) -> list[list]:
    rows = []
    for s in summaries:
        rows.append(
            [
                s.label,
                *[g.amount for g in s.groups],
                s.statutory_total,
                s.equal_share_text,
                s.other_total,
                s.income,
                s.budget,
                s.spend,
                s.surplus,
                s.reserve_brought_forward,
                s.reserve_carried_forward,
            ]
        )
    return rows


def contribution_rows(summaries: list[FinanceSummary]) -> list[list]:
    return [
        [s.label, c.agency.name, c.get_statutory_group_display() or "Other partner", c.amount]
        for s in summaries
        for c in s.contributions
    ]


def category_rows(summaries: list[FinanceSummary]) -> list[list]:
    return [
        [s.label, c.label, c.budget, c.spend, c.variance] for s in summaries for c in s.categories
    ]


def finance_csv(summaries: list[FinanceSummary]) -> str:
    return spreadsheet.csv_text(
        SUMMARY_HEADER,
        (
            [f"{v:.2f}" if hasattr(v, "quantize") else v for v in row]
            for row in summary_rows(summaries)
        ),
    )


def finance_xlsx(summaries: list[FinanceSummary], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheets = [
        ("Summary", SUMMARY_HEADER, summary_rows(summaries)),
        (
            "Contributions",
            ["Financial year", "Agency", "Statutory partner", "Amount (£)"],
            contribution_rows(summaries),
        ),
        (
            "Budget and spend",
            ["Financial year", "Category", "Budget (£)", "Spend (£)", "Under (over) budget (£)"],
            category_rows(summaries),
        ),
    ]
    for number, (name, header, rows) in enumerate(sheets):
        sheet = workbook.active if number == 0 else workbook.create_sheet()
        sheet.title = name
        spreadsheet.xlsx_append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            spreadsheet.xlsx_append(sheet, [float(v) if hasattr(v, "quantize") else v for v in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 12), 60)
            for cell in column[1:]:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
    workbook.properties.title = title
    return spreadsheet.xlsx_bytes(workbook)

"""`safeguarding import-indicators`: the real DfE files, re-imports, dry runs and bad files."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.performance.models import (
    Area,
    ColumnMapping,
    Flag,
    Indicator,
    IndicatorValue,
    StatisticalNeighbour,
)
from safeguarding.performance.tests.conftest import DATA
from safeguarding.performance.tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def essex(db):
    return PartnershipFactory(slug="essex", name="Essex Safeguarding Children Board", area="Essex")


def run(*args) -> dict:
    out = StringIO()
    call_command("import-indicators", *map(str, args), "--json", stdout=out)
    return json.loads(out.getvalue())


def run_failing(*args) -> tuple[dict, str]:
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import-indicators", *map(str, args), "--json", stdout=out)
    return json.loads(out.getvalue()), str(raised.value)


def figure(key, area_slug, code):
    return IndicatorValue.objects.get(indicator__key=key, area__slug=area_slug, period__code=code)


def test_every_dfe_file_imports_with_suppressed_cells_kept_as_flags(essex, dfe_files):
    assert len(dfe_files) == 10
    result = run(*dfe_files, "--partnership", "essex", "--format", "ees")
    assert result["errors"] == []
    assert result["rows"] == 1002  # every data line of the ten files
    assert (
        result["created"] == IndicatorValue.objects.count() + StatisticalNeighbour.objects.count()
    )
    # Official figures, as published.
    assert figure("dfe-referrals", "essex", "RY2024").value == 6288
    assert figure("dfe-cin-at-31-march-rate", "england", "RY2024").value == Decimal("332.9")
    assert figure("dfe-cla-at-31-march", "essex", "RY2025").value == 1141
    assert figure("dfe-child-population", "essex", "RY2025").value == 329197
    # Suppressed and unavailable cells are flags with no figure — never zero.
    young_carer = figure("dfe-assessment-factor-unaccompanied-asylum-seeker", "essex", "RY2024")
    assert (young_carer.value, young_carer.flag, young_carer.source_symbol) == (
        None,
        Flag.SUPPRESSED,
        "c",
    )
    low = figure("dfe-headline-assessments", "england", "RY2014")
    assert (low.value, low.flag, low.source_symbol) == (None, Flag.LOW_RELIABILITY, "u")
    assert IndicatorValue.objects.filter(flag="not_available", source_symbol="x").exists()
    assert IndicatorValue.objects.filter(flag="not_applicable", source_symbol="z").exists()
    assert not IndicatorValue.objects.filter(value__isnull=True, flag="").exists()
    # Areas come from the data: England, the region, the three partnerships' authorities and
    # Essex's statistical neighbours.
    essex_area = Area.objects.get(slug="essex")
    assert (essex_area.code, essex_area.la_code, essex_area.parent.name) == (
        "E10000012",
        "881",
        "East of England",
    )
    assert Area.objects.get(slug="southend-on-sea").code == "E06000033"
    assert Area.objects.get(slug="thurrock").la_code == "883"
    neighbours = [link.neighbour.name for link in essex_area.neighbour_links.all()]
    assert neighbours[:2] == ["Kent", "West Sussex"] and len(neighbours) == 10
    # Indicators are named from the DfE data guidance, with their unit.
    referrals = Indicator.objects.get(partnership=essex, key="dfe-referrals")
    assert (referrals.name, referrals.unit, referrals.period_type) == (
        "Referrals to children's social care",
        "count",
        "reporting_year",
    )
    assert Indicator.objects.get(key="dfe-re-referrals-percent").unit == "percentage"


def test_reimporting_updates_and_never_duplicates(essex, dfe_files):
    first = run(*dfe_files, "--partnership", "essex")
    count = IndicatorValue.objects.count()
    again = run(*dfe_files, "--partnership", "essex")
    assert again == {
        "rows": first["rows"],
        "created": 0,
        "updated": 0,
        "skipped": first["created"],
        "errors": [],
    }
    assert IndicatorValue.objects.count() == count
    # One saved column mapping per indicator (the population under all three filters).
    assert (
        ColumnMapping.objects.filter(partnership=essex).count()
        == Indicator.objects.filter(partnership=essex).count()
    )


def test_a_revised_official_figure_updates_and_keeps_the_old_one(essex, tmp_path):
    source = DATA / "cin_stats_headline_figures_england_2013_2024.csv"
    run(source, "--partnership", "essex")
    revised = tmp_path / "headline.csv"
    revised.write_text(
        source.read_text().replace(
            "2024,Reporting year,National,E92000001,England,399460",
            "2024,Reporting year,National,E92000001,England,399470",
        )
    )
    result = run(revised, "--partnership", "essex")
    assert (result["created"], result["updated"]) == (0, 1)
    changed = figure("dfe-headline-children-in-need", "england", "RY2024")
    assert (changed.value, changed.previous_value, changed.flag) == (399470, 399460, "revised")


def test_dry_run_counts_everything_and_writes_nothing(essex):
    files = [DATA / "cla_stats_number_and_rate_per_10k_essex_set.csv"]
    result = run(*files, "--partnership", "essex", "--dry-run")
    assert result["created"] == 135 * 3 - 90 and result["errors"] == []
    assert not IndicatorValue.objects.exists()
    assert not Indicator.objects.exists()
    assert not Area.objects.exists()


def test_unknown_partnership_is_refused_and_nothing_written(essex, dfe_files):
    result, message = run_failing(dfe_files[0], "--partnership", "nowhere")
    assert "no partnership with the slug “nowhere”" in message
    assert "essex" in message
    assert result["errors"][0]["reason"] == message
    assert not IndicatorValue.objects.exists()


def test_an_unreadable_file_stops_the_whole_import(essex, dfe_files, tmp_path):
    result, message = run_failing(dfe_files[0], tmp_path / "missing.csv", "--partnership", "essex")
    assert "missing.csv does not exist" in message
    assert result["errors"][0]["file"] == "missing.csv"
    assert not IndicatorValue.objects.exists()


def test_a_spreadsheet_given_as_csv_is_refused_clearly(essex, tmp_path):
    fake = tmp_path / "figures.csv"
    fake.write_bytes(b"PK\x03\x04not really a csv")
    _, message = run_failing(fake, "--partnership", "essex", "--format", "csv")
    assert "is a spreadsheet (Excel .xlsx), not a CSV file" in message
    assert "--format xlsx" in message


def test_a_file_in_an_unexpected_format_is_refused(essex, tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("name,colour\nA,red\n")
    _, message = run_failing(odd, "--partnership", "essex")
    assert "neither DfE Explore Education Statistics data" in message
    official = DATA / "cin_stats_b1_children_in_need_essex_set_2013_2024.csv"
    _, message = run_failing(official, "--partnership", "essex", "--format", "csv")
    assert "--format ees" in message


BAD_EES = """SOURCE: a made-up extract for testing
time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,Referrals
2024,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,621880
2024,Reporting year,Local authority,E92000001,England,E12000006,East of England,881,E10000012,Essex,Referrals and Re-referrals,lots
2024,Calendar year,National,E92000001,England,,,,,,Referrals and Re-referrals,1
2024,Reporting year,Ward,E92000001,England,,,,,,Referrals and Re-referrals,1
2023,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,low
2022,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,5
2022,Reporting year,National,E92000001,England,,,,,,Referrals and Re-referrals,6
"""  # noqa: E501


def test_bad_rows_of_official_data_are_each_reported_by_line_and_nothing_written(essex, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_EES)
    result, _ = run_failing(path, "--partnership", "essex", "--format", "ees")
    errors = {(e["line"], e["column"]): e["reason"] for e in result["errors"]}
    # Line numbers count the SOURCE line, as in the file.
    assert "“lots” is not a number or a suppression symbol" in errors[(4, "Referrals")]
    assert "time_identifier “Calendar year” is not supported" in errors[(5, "")]
    assert "geographic level “ward” is not supported" in errors[(6, "")]
    assert "already has a different figure at bad.csv line 8" in errors[(9, "Referrals")]
    assert len(errors) == 4  # the “low” on line 7 is a valid suppression symbol
    assert (result["created"], result["updated"]) == (0, 0)
    assert not IndicatorValue.objects.exists() and not Indicator.objects.exists()


def test_skip_invalid_writes_the_good_rows_and_reports_the_bad(essex, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_EES)
    out = StringIO()
    call_command(
        "import-indicators",
        str(path),
        "--partnership",
        "essex",
        "--json",
        "--skip-invalid",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["created"] == 3  # 2024, 2022 and 2023 (flagged as low) for England
    assert result["skipped"] == 4 and len(result["errors"]) == 4
    low = figure("dfe-referrals", "england", "RY2023")
    assert (low.value, low.flag) == (None, Flag.ROUNDS_TO_ZERO)
    assert Indicator.objects.get(key="dfe-referrals").source == "a made-up extract for testing"


@pytest.fixture
def local_indicators(essex):
    referrals = IndicatorFactory(
        partnership=essex, key="referrals-progressed", name="Requests progressed to referrals"
    )
    carers = IndicatorFactory(
        partnership=essex, key="young-carers-assessments", name="Young carers' assessments"
    )
    IndicatorFactory(
        partnership=essex, key="conversion", name="Conversion", formula="{referrals-progressed}"
    )
    return referrals, carers


def test_the_partnerships_template_imports_long_rows(essex, local_indicators, tmp_path):
    path = tmp_path / "local.csv"
    path.write_text(
        "indicator,area,period,value,flag,note\n"
        'referrals-progressed,Essex,2020-21,"7,720",,\n'
        "Requests progressed to referrals,essex,FY2021-22,6887,,\n"
        "young-carers-assessments,Essex,2022-23,1124,incomplete,"
        "Different timeframes for data capture\n"
        "young-carers-assessments,Essex,2021-22,c,,\n"
    )
    result = run(path, "--partnership", "essex", "--format", "csv")
    assert result["errors"] == [] and result["created"] == 4
    carers = figure("young-carers-assessments", "essex", "FY2022-23")
    assert (carers.value, carers.flag, carers.note) == (
        1124,
        "incomplete",
        "Different timeframes for data capture",
    )
    assert figure("referrals-progressed", "essex", "FY2020-21").value == 7720
    assert figure("young-carers-assessments", "essex", "FY2021-22").flag == "suppressed"


def test_bad_template_rows_are_reported_by_line(essex, local_indicators, tmp_path):
    path = tmp_path / "local.csv"
    path.write_text(
        "indicator,area,period,value\n"
        "referrals-progressed,Essex,2020-21,7720\n"
        "no-such-indicator,Essex,2020-21,1\n"
        "referrals-progressed,Atlantis,2020-21,1\n"
        "referrals-progressed,Essex,RY2024,1\n"
        "referrals-progressed,Essex,2021-22,seven\n"
        "conversion,Essex,2021-22,80\n"
    )
    result, _ = run_failing(path, "--partnership", "essex")
    reasons = {e["line"]: e["reason"] for e in result["errors"]}
    assert "“no-such-indicator” is not the key or name of an indicator" in reasons[3]
    assert "“Atlantis” is not a known area" in reasons[4]
    assert "counted by financial year" in reasons[5]
    assert "“seven” is not a number" in reasons[6]
    assert "computed, never entered or imported" in reasons[7]
    assert not IndicatorValue.objects.exists()


def test_the_wide_template_saves_and_reuses_its_column_mapping(essex, local_indicators, tmp_path):
    referrals, _ = local_indicators
    path = tmp_path / "wide.csv"
    path.write_text("area,period,Requests progressed to referrals\nEssex,2020-21,7720\n")
    assert run(path, "--partnership", "essex")["created"] == 1
    referrals.name = "Referrals progressed (renamed)"
    referrals.save()
    path.write_text("area,period,Requests progressed to referrals\nEssex,2021-22,6887\n")
    assert run(path, "--partnership", "essex")["created"] == 1
    assert referrals.values.count() == 2


def test_excel_files_are_imported(essex, local_indicators, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "area", "period", "value", "flag"])
    sheet.append(["referrals-progressed", "Essex", "2022-23", 6586, ""])
    sheet.append(["young-carers-assessments", "Essex", "2022-23", "x", ""])
    sheet.append(["young-carers-assessments", "Essex", "2021-22", "many", ""])
    path = tmp_path / "returns.xlsx"
    workbook.save(path)
    result, _ = run_failing(path, "--partnership", "essex", "--format", "xlsx")
    assert result["errors"] == [
        {
            "file": "returns.xlsx",
            "line": 4,
            "column": "value",
            "reason": "“many” is not a number or a suppression symbol (c, k, low, u, x or z)",
        }
    ]
    result = run(path, "--partnership", "essex", "--skip-invalid")
    assert result["created"] == 2
    assert figure("referrals-progressed", "essex", "FY2022-23").value == 6586


def test_an_excel_file_whose_dimension_is_wrong_still_imports_every_row(
    essex, local_indicators, tmp_path
):
    """A workbook whose <dimension ref> covers only its first data row: all rows import."""
    import re
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "area", "period", "value"])
    for year in range(2017, 2023):
        sheet.append(["referrals-progressed", "Essex", f"{year}-{(year + 1) % 100:02d}", year])
    written = tmp_path / "written.xlsx"
    workbook.save(written)
    path = tmp_path / "wrong-dimension.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, replaced = re.subn(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D2"', data
                )
                assert replaced == 1
            target.writestr(item, data)
    result = run(path, "--partnership", "essex", "--format", "xlsx")
    assert result["rows"] == 6 and result["created"] == 6 and result["errors"] == []
    assert IndicatorValue.objects.filter(indicator__key="referrals-progressed").count() == 6


def test_human_output_says_what_happened(essex, tmp_path):
    out, err = StringIO(), StringIO()
    call_command(
        "import-indicators",
        str(DATA / "cin_stats_headline_figures_england_2013_2024.csv"),
        "--partnership",
        "essex",
        "--dry-run",
        stdout=out,
        stderr=err,
    )
    assert (
        "Would import 12 rows from 1 file(s): 72 created, 0 updated, 0 skipped." in out.getvalue()
    )
    assert "Dry run: nothing was written." in out.getvalue()

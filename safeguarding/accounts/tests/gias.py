"""A fictional Get Information About Schools (GIAS) establishment export, shaped like the real
one: about 300 columns in the real order and naming, Windows-1252 encoded by default, with
open and closed establishments of the usual types. No real school is named.

``python -m safeguarding.accounts.tests.gias OUT.csv [SCHOOLS]`` writes one to try the
import by hand.
"""

from __future__ import annotations

import csv
import io
import sys

GIAS_HEADER = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName",
    "TypeOfEstablishment (code)", "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)", "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
    "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate",
    "PhaseOfEducation (code)", "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge",
    "Boarders (code)", "Boarders (name)", "NurseryProvision (name)", "OfficialSixthForm (code)",
    "OfficialSixthForm (name)", "Gender (code)", "Gender (name)", "ReligiousCharacter (code)",
    "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)", "Diocese (name)",
    "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils",
    "NumberOfBoys", "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)", "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)", "Federations (name)",
    "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)", "OfstedLastInsp",
    "LastChangedDate", "Street", "Locality", "Address3", "Town", "County (name)", "Postcode",
    "SchoolWebsite", "TelephoneNum", "HeadTitle (name)", "HeadFirstName", "HeadLastName",
    "HeadPreferredJobTitle",
]  # fmt: skip
# The real export goes on with SEN provision, Ofsted, boundaries and statistics columns.
GIAS_HEADER += [f"SEN{n} (name)" for n in range(1, 14)]
GIAS_HEADER += [f"Statistic{n}" for n in range(1, 300 - len(GIAS_HEADER) + 1)]

# (TypeOfEstablishment, EstablishmentTypeGroup, PhaseOfEducation, in a trust)
KINDS = [
    ("Community school", "Local authority maintained schools", "Primary", False),
    ("Academy converter", "Academies", "Secondary", True),
    ("Voluntary aided school", "Local authority maintained schools", "Primary", False),
    ("Foundation special school", "Special schools", "Not applicable", False),
    ("Pupil referral unit", "Local authority maintained schools", "Not applicable", False),
    ("Free schools", "Free Schools", "Primary", True),
    ("Other independent school", "Independent schools", "All-through", False),
    ("Further education", "Colleges", "16 plus", False),
    ("Local authority nursery school", "Local authority maintained schools", "Nursery", False),
    ("Academy sponsor led", "Academies", "All-through", True),
    ("Academy special converter", "Academies", "Not applicable", True),
]
PLACES = [
    "Ashby Green", "Brookfield", "Castleford Heath", "Dunmore", "Elmstead Vale", "Fenwick",
    "Greywater", "Hollins Cross", "Ivybridge Moor", "Juniper Hill", "Kestrel Bay", "Larkspur",
]  # fmt: skip
FIRST_WORDS = ["St Mary’s", "Oakwood", "Riverside", "Hélène Marsh", "Meadow", "Northgate"]
ENDINGS = {
    "Primary": "Primary School",
    "Secondary": "Academy",
    "All-through": "School",
    "16 plus": "College",
    "Nursery": "Nursery School",
    "Not applicable": "Centre",
}


def trust_name(n: int) -> str:
    return f"Fictional Learning Trust {n}"


def gias_rows(*, schools: int = 550, closed: int = 12, first_urn: int = 990001) -> list[dict]:
    """``schools`` open establishments and ``closed`` closed ones, each with a unique URN."""
    rows = []
    for i in range(schools + closed):
        kind, group, phase, in_trust = KINDS[i % len(KINDS)]
        place = PLACES[i % len(PLACES)]
        name = f"{FIRST_WORDS[i % len(FIRST_WORDS)]} {place} {ENDINGS[phase]} {i + 1}"
        is_closed = i >= schools
        row = dict.fromkeys(GIAS_HEADER, "")
        row.update(
            {
                "URN": str(first_urn + i),
                "LA (code)": "999",
                "LA (name)": "Testshire",
                "EstablishmentNumber": str(2000 + i),
                "EstablishmentName": name,
                "TypeOfEstablishment (name)": kind,
                "EstablishmentTypeGroup (name)": group,
                "EstablishmentStatus (name)": "Closed" if is_closed else "Open",
                "CloseDate": "31-08-2020" if is_closed else "",
                "PhaseOfEducation (name)": phase,
                "Trusts (name)": trust_name(i % 20 + 1) if in_trust else "",
                "Town": place,
                "Postcode": f"ZZ{i % 90 + 1} {i % 9 + 1}AA",
                "NumberOfPupils": str(100 + i % 900),
            }
        )
        rows.append(row)
    return rows


def gias_csv(rows: list[dict], *, encoding: str = "cp1252") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=GIAS_HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def gias_xlsx(rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Establishments")
    sheet.append(GIAS_HEADER)
    for row in rows:
        sheet.append([row[column] for column in GIAS_HEADER])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover - a helper for trying the import by hand
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 550
    with open(sys.argv[1], "wb") as target:
        target.write(gias_csv(gias_rows(schools=count)))

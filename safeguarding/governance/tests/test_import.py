"""`safeguarding import-key-messages`: plain text, Markdown, Word and HTML documents of our
own, re-imports, dry runs, unreadable files and the JSON summary.

The two plain-text documents in ``fixtures/`` are fictional, written in the two layouts
partnerships publish key messages in: headings on their own lines with bulleted lists
(``key-messages-2018-19.txt``), and "Title - text" paragraphs with numbered learning points
and empty spacer lines (``key-messages-2024-25.txt``). When a folder of real published
documents sits beside the repository (``../shared/seeds``), one more test imports those too;
otherwise it is skipped."""

import datetime
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from safeguarding.accounts.tests.factories import PartnershipFactory
from safeguarding.governance.importing import DocumentError, parse_document
from safeguarding.governance.models import KeyMessage
from safeguarding.governance.tests.factories import KeyMessageFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADINGS_DOC = FIXTURES / "key-messages-2018-19.txt"
INLINE_DOC = FIXTURES / "key-messages-2024-25.txt"
REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
PUBLISHED = REPOSITORY_ROOT.parent / "shared" / "seeds"


def run(*args) -> tuple[dict, int]:
    """Run the command with --json; returns (summary, exit status)."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("import-key-messages", *[str(a) for a in args], "--json", stdout=out)
    except SystemExit as stop:
        return json.loads(out.getvalue()), stop.code
    return json.loads(out.getvalue()), 0


def titles(messages) -> list[str]:
    return [m.title for m in messages]


# Documents of our own, one per format ----------------------------------------------------------

MARKDOWN = """# Key messages from the Thornbury Safeguarding Partnership

Read what our Executive agreed.

## Executive meeting – 12 March 2024

### Online harm

Young people do not separate the online and offline world. Read the
[online safety toolkit](https://example.org/toolkit) before you talk to them.

* Talk early
* Keep talking

### Neglect strategy

1. Launch the graded care profile
2. Train 200 practitioners

## 5th December 2023

**Domestic abuse**: the refuge has 6 new family rooms, with **specialist** support.

**Early help** – a new front door opens in January.
"""

HTML = """<!doctype html><html><head><title>Key messages</title>
<style>p {color: red}</style><script>var x = "March 2024";</script></head>
<body><nav><a href="/">Home</a> <a href="/archive">Key messages 2022–23</a></nav>
<main>
<h1>Key messages from the Partnership Board</h1>
<h2>March 2024</h2>
<h3>Safer sleep</h3>
<p>Every midwife now uses the <a href="https://example.org/safer-sleep">safer sleep
checklist</a>.</p>
<ul><li>Back to sleep</li><li>Own cot<ul><li>no pillows</li></ul></li></ul>
<p><strong>Missing children</strong> – return interviews are now offered within 72 hours.</p>
<h2>Partnership meeting held on Thursday 7th December 2023</h2>
<ol>
 <li>Exploitation: the new pathway starts in January, see
 <a href="mailto:team@example.org">the team</a>.</li>
 <li>Self-harm – A&amp;E staff have new guidance.</li>
</ol>
<p>Key messages 2022–23</p>
</main>
<footer><p>Contact us – call 0300 000 0000</p><p>© Partnership Board 2024</p></footer>
</body></html>
"""

TEXT = """Westmoor Safeguarding Children Partnership
Key messages

Board meeting: 14/09/2023

Neurodiversity – A new guide helps practitioners
understand the needs of neurodivergent children and
their families.

Think family: adult services must ask about children at every assessment. See
https://example.org/think-family for the checklist.

- Ask who lives in the house
- Ask who cares for the children

Sept 2023 Executive

Trauma-informed practice - All partners signed the trauma-informed charter.
"""


def add_hyperlink(paragraph, text: str, url: str) -> None:
    part = paragraph.part
    r_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Key messages from the Executive", level=1)
    document.add_paragraph("These are the key messages from our meetings.")
    document.add_heading("Executive meeting – 20 February 2024", level=1)
    document.add_heading("Elective home education", level=2)
    paragraph = document.add_paragraph("Families can now read the ")
    add_hyperlink(paragraph, "home education guide", "https://example.org/ehe")
    paragraph.add_run(" online.")
    document.add_paragraph("Register every child", style="List Bullet")
    document.add_paragraph("Visit within 10 days", style="List Bullet")
    document.add_paragraph("Check the school roll", style="List Number")
    lead = document.add_paragraph()
    lead.add_run("Children missing education").bold = True
    lead.add_run(" – The protocol has been refreshed.")
    document.add_paragraph("November 2023")
    document.add_paragraph("Early help: the family hubs are open in every district.")
    document.save(path)
    return path


# Parsing ---------------------------------------------------------------------------------------


def test_headings_on_their_own_lines_become_messages():
    found = parse_document(HEADINGS_DOC)
    assert titles(found) == [
        "Young Carers in Thornbury",
        "Private Fostering",
        "Board Membership",
        "Missing from Home and Care",
        "Water Safety Campaign",
        "Board Priorities",
    ]
    assert {(m.meeting_date, m.meeting_date_precision) for m in found} == {
        (datetime.date(2019, 2, 1), "month"),
        (datetime.date(2018, 11, 1), "month"),
    }
    fostering = found[1].body
    assert "- When a child goes to live with someone" in fostering
    assert "- If the council is not told" in fostering
    assert "Worried about a child?" not in titles(found)


def test_inline_titles_and_numbered_list():
    found = parse_document(INLINE_DOC)
    assert len(found) == 14
    assert len({m.meeting_date for m in found}) == 5
    assert titles(found)[:3] == [
        "Elective home education",
        "Learning from a recent local review",
        "Staff wellbeing",
    ]
    learning = found[1].body
    assert "1. **Seeing the child** – Practitioners visited" in learning
    assert "3. **Drift in early help** – The family" in learning
    assert "Managers should use supervision" in learning
    assert "Reviews and Learning – Learning Together Better" in titles(found)
    assert not any(title.startswith("Key messages 20") for title in titles(found))
    assert found[0].body.startswith("The number of children educated at home")


@pytest.mark.skipif(
    not PUBLISHED.is_dir(),
    reason=f"no published key messages beside the repository (looked in {PUBLISHED})",
)
@pytest.mark.django_db
def test_published_documents_beside_the_repository_import_cleanly():
    """Optional: real published documents, when a folder of them sits beside the checkout."""
    documents = sorted(PUBLISHED.glob("key-messages-*.txt"))
    if not documents:
        pytest.skip(f"no key-messages-*.txt files in {PUBLISHED}")
    PartnershipFactory(slug="published")
    for document in documents:
        assert parse_document(document), f"{document.name}: no messages found"
    summary, status = run(*documents, "--partnership", "published")
    assert status == 0 and summary["errors"] == []
    assert summary["created"] == summary["messages"] > 0
    again, status = run(*documents, "--partnership", "published")
    assert status == 0 and again["created"] == 0 and again["skipped"] == summary["messages"]


def test_markdown_document(tmp_path):
    path = tmp_path / "thornbury.md"
    path.write_text(MARKDOWN)
    found = parse_document(path)
    assert [(m.meeting_date, m.meeting_title, m.title) for m in found] == [
        (datetime.date(2024, 3, 12), "Executive meeting", "Online harm"),
        (datetime.date(2024, 3, 12), "Executive meeting", "Neglect strategy"),
        (datetime.date(2023, 12, 5), "", "Domestic abuse"),
        (datetime.date(2023, 12, 5), "", "Early help"),
    ]
    online = found[0].body
    assert "[online safety toolkit](https://example.org/toolkit)" in online
    assert "separate the online and offline world. Read the" in online  # wrapped lines joined
    assert "- Talk early\n- Keep talking" in online
    assert found[1].body == "1. Launch the graded care profile\n2. Train 200 practitioners"
    assert found[2].body == "the refuge has 6 new family rooms, with **specialist** support."


def test_html_document(tmp_path):
    path = tmp_path / "board.html"
    path.write_text(HTML)
    found = parse_document(path)
    assert [(m.meeting_date, m.meeting_date_precision, m.title) for m in found] == [
        (datetime.date(2024, 3, 1), "month", "Safer sleep"),
        (datetime.date(2024, 3, 1), "month", "Missing children"),
        (datetime.date(2023, 12, 7), "day", "Exploitation"),
        (datetime.date(2023, 12, 7), "day", "Self-harm"),
    ]
    assert found[2].meeting_title == "Partnership meeting"
    safer_sleep = found[0].body
    assert "[safer sleep checklist](https://example.org/safer-sleep)" in safer_sleep
    assert "- Back to sleep" in safer_sleep and "- no pillows" in safer_sleep
    assert "[the team](mailto:team@example.org)" in found[2].body
    assert found[3].body == "A&E staff have new guidance."
    assert not any("Contact us" in m.body or "Contact us" in m.title for m in found)


def test_word_document(tmp_path):
    found = parse_document(make_docx(tmp_path / "executive.docx"))
    assert [(m.meeting_date, m.meeting_title, m.title) for m in found] == [
        (datetime.date(2024, 2, 20), "Executive meeting", "Elective home education"),
        (datetime.date(2024, 2, 20), "Executive meeting", "Children missing education"),
        (datetime.date(2023, 11, 1), "", "Early help"),
    ]
    ehe = found[0].body
    assert "[home education guide](https://example.org/ehe) online." in ehe
    assert "- Register every child\n- Visit within 10 days" in ehe
    assert "1. Check the school roll" in ehe
    assert found[1].body == "The protocol has been refreshed."


def test_plain_text_with_other_date_forms_and_wrapped_lines(tmp_path):
    path = tmp_path / "westmoor.txt"
    path.write_text(TEXT)
    found = parse_document(path)
    assert [(m.meeting_date, m.meeting_title, m.title) for m in found] == [
        (datetime.date(2023, 9, 14), "Board meeting", "Neurodiversity"),
        (datetime.date(2023, 9, 14), "Board meeting", "Think family"),
        (datetime.date(2023, 9, 1), "Executive", "Trauma-informed practice"),
    ]
    assert found[0].body == (
        "A new guide helps practitioners understand the needs of neurodivergent children "
        "and their families."
    )
    think = found[1].body
    assert "<https://example.org/think-family>" in think
    assert "- Ask who lives in the house\n- Ask who cares for the children" in think


def test_a_document_without_meeting_headings_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Online harm – young people need support.\n\nNeglect – more work.\n")
    with pytest.raises(DocumentError, match="no meeting headings were found"):
        parse_document(path)


def test_sentences_that_mention_a_month_are_not_meeting_headings(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(
        "June 2024\n\nCampaign – We will relaunch the campaign in March 2025.\n\n"
        "Safer Sleep Week March 2025\n\nA week of events for parents.\n"
    )
    found = parse_document(path)
    assert [(m.meeting_date, m.title) for m in found] == [
        (datetime.date(2024, 6, 1), "Campaign"),
        (datetime.date(2024, 6, 1), "Safer Sleep Week March 2025"),
    ]


# The command -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_documents_import_and_reimport_without_duplicates(client):
    PartnershipFactory(slug="thornbury", name="Thornbury Safeguarding Children Board")
    summary, status = run(HEADINGS_DOC, INLINE_DOC, "--partnership", "thornbury", "--publish")
    assert status == 0
    counts = {k: summary[k] for k in ("meetings", "messages", "rows", "created", "updated")}
    assert counts == {"meetings": 7, "messages": 20, "rows": 20, "created": 20, "updated": 0}
    assert summary["skipped"] == 0 and summary["errors"] == [] and summary["published"]
    again, status = run(HEADINGS_DOC, INLINE_DOC, "--partnership", "thornbury", "--publish")
    assert status == 0
    assert again["created"] == 0 and again["updated"] == 0 and again["skipped"] == 20
    assert again["batches"] == []  # the same files again: nothing written, not even a batch
    assert KeyMessage.objects.count() == 20
    api = client.get("/api/v1/key-messages/?partnership=thornbury").json()
    assert api["count"] == 20
    first = api["results"][0]
    assert set(first) >= {"title", "meeting_date", "body", "themes", "url"}
    exploitation = next(r for r in api["results"] if r["title"] == "Child exploitation")
    assert exploitation["meeting_date"] == "2024-11-01"
    assert "Child exploitation" in exploitation["themes"]
    online = next(r for r in api["results"] if r["title"] == "Online safety")
    assert "Online harm" in online["themes"]


@pytest.mark.django_db
def test_changed_document_updates_in_place(tmp_path):
    PartnershipFactory(slug="thornbury")
    path = tmp_path / "thornbury.md"
    path.write_text(MARKDOWN)
    run(path, "--partnership", "thornbury", "--publish")
    path.write_text(MARKDOWN.replace("Train 200 practitioners", "Train 250 practitioners"))
    summary, _ = run(path, "--partnership", "thornbury", "--publish")
    assert (summary["created"], summary["updated"], summary["skipped"]) == (0, 1, 3)
    neglect = KeyMessage.objects.get(title="Neglect strategy")
    assert "Train 250 practitioners" in neglect.body and "250" in neglect.body_html
    assert KeyMessage.objects.count() == 4


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    PartnershipFactory(slug="thornbury")
    path = tmp_path / "thornbury.md"
    path.write_text(MARKDOWN)
    summary, status = run(path, "--partnership", "thornbury", "--dry-run")
    assert status == 0 and summary["created"] == 4 and summary["messages"] == 4
    assert summary["rows"] == 4
    assert not KeyMessage.objects.exists()


@pytest.mark.django_db
def test_unreadable_files_are_reported_and_nothing_from_them_is_written(tmp_path):
    PartnershipFactory(slug="thornbury")
    good = tmp_path / "good.html"
    good.write_text(HTML)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip file at all")
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    no_headings = tmp_path / "notes.md"
    no_headings.write_text("# Notes\n\nOnline harm – young people need support.\n")
    missing = tmp_path / "missing.txt"
    summary, status = run(
        good, broken, pdf, empty, no_headings, missing, "--partnership", "thornbury", "--publish"
    )
    assert status == 1
    assert summary["created"] == 4 and summary["messages"] == 4
    errors = summary["errors"]
    assert len(errors) == 5
    assert [e["file"] for e in errors] == [
        str(p) for p in (broken, pdf, empty, no_headings, missing)
    ]
    assert errors[0]["reason"].startswith("it is not a readable Word .docx document")
    assert errors[1]["reason"].startswith("PDF files are not supported")
    assert errors[2]["reason"] == "the file is empty"
    assert errors[3]["reason"].startswith("no meeting headings were found")
    assert errors[4]["reason"] == "the file does not exist"
    assert set(KeyMessage.objects.values_list("source", flat=True)) == {"good.html"}


@pytest.mark.django_db
def test_unknown_partnership_is_a_clear_error():
    with pytest.raises(CommandError, match="no partnership with the slug “nowhere”"):
        call_command("import-key-messages", str(HEADINGS_DOC), "--partnership", "nowhere")
    assert not KeyMessage.objects.exists()


@pytest.mark.django_db
def test_a_message_being_drafted_on_the_platform_is_left_alone(tmp_path):
    partnership = PartnershipFactory(slug="thornbury")
    draft = KeyMessageFactory(
        partnership=partnership,
        meeting_date=datetime.date(2024, 3, 12),
        title="Online harm",
        status="draft",
        body="Our own words",
    )
    path = tmp_path / "thornbury.md"
    path.write_text(MARKDOWN)
    summary, status = run(path, "--partnership", "thornbury", "--publish")
    assert status == 0
    assert (summary["created"], summary["skipped"]) == (3, 1)
    skipped = next(i for i in summary["items"] if i["outcome"] == "skipped")
    assert skipped["title"] == "Online harm" and "being drafted" in skipped["reason"]
    draft.refresh_from_db()
    assert draft.body == "Our own words" and draft.status == "draft"


@pytest.mark.django_db
def test_human_readable_output(tmp_path, capsys):
    PartnershipFactory(slug="thornbury")
    path = tmp_path / "thornbury.md"
    path.write_text(MARKDOWN)
    call_command("import-key-messages", str(path), "--partnership", "thornbury", "--dry-run")
    out = capsys.readouterr().out
    assert "2 meetings, 4 messages – would be drafted for review: 4 new" in out
    assert "Dry run: nothing was written." in out
    assert ": new: Online harm" in out

"""The key-messages reader on the layouts issue 18 names: untitled bullets, numbered items,
inline titles after a heading item, headings of several levels, lines that are not messages,
and newsletters (a date in a sentence, month-only headings, the edition's date, several
meetings, only the board update section). Documents here are fictional and short."""

import datetime

import pytest

from safeguarding.governance.importing import DocumentError, read_text_messages
from safeguarding.governance.importing.structure import (
    ATTENDANCE,
    CONTACT,
    NEXT_MEETING,
    PEOPLE,
    READING_NOTE,
)


def found(text, markdown=False):
    reading = read_text_messages(text, markdown=markdown)
    return [(m.meeting_date, m.title, m.title_derived) for m in reading.messages], reading


def left_out(reading):
    return {line["text"]: line["note"] for line in reading.lines if line["role"] == "left_out"}


def test_untitled_bullets_become_one_message_each_with_a_derived_title():
    messages, reading = found(
        "Partnership Board – 4 June 2024\n\n"
        "- Partners agreed to fund two more family hub workers for the coming year.\n"
        "- The dental neglect pathway has been published and training starts in July.\n"
        "- Schools reported fewer suspensions after the inclusion pilot.\n"
    )
    day = datetime.date(2024, 6, 4)
    assert messages == [
        (day, "Partners agreed to fund two more family hub…", True),
        (day, "The dental neglect pathway has been published and training starts in July", True),
        (day, "Schools reported fewer suspensions after the inclusion pilot", True),
    ]
    assert reading.messages[1].body.startswith("The dental neglect pathway")


def test_numbered_items_with_titles_and_a_lead_in():
    messages, reading = found(
        "Executive – 10 October 2024\n\n"
        "The Executive agreed the following key messages:\n\n"
        "1) Neglect toolkit – The revised toolkit is live and replaces the 2019 version.\n"
        "2) Missing children – Return interviews now happen within 72 hours in nine cases in ten.\n"
        "3. Private fostering: Awareness week runs in November with sessions for schools.\n"
    )
    assert [m[1] for m in messages] == ["Neglect toolkit", "Missing children", "Private fostering"]
    assert not any(m[2] for m in messages)
    assert reading.messages[1].body.startswith("Return interviews")
    assert (
        "introduces the messages"
        in left_out(reading)["The Executive agreed the following key messages:"]
    )


def test_inline_titles_after_a_heading_item_are_separate_messages():
    messages, _ = found(
        "Board meeting 3 December 2024\n\n"
        "Exploitation\n\n"
        "The Board heard about the new exploitation hub and its first month of referrals.\n\n"
        "Harmful sexual behaviour – Schools will receive the new guidance in January.\n\n"
        "Early help: The early help assessment form is now shorter.\n"
    )
    assert [m[1] for m in messages] == [
        "Exploitation",
        "Harmful sexual behaviour",
        "Early help",
    ]


def test_headings_of_several_levels_in_markdown():
    messages, reading = found(
        "# Thornvale Safeguarding Partnership\n\n"
        "## Key messages\n\n"
        "### Executive meeting, 14 January 2025\n\n"
        "#### Thresholds\n\nThe thresholds document has been refreshed.\n\n"
        "#### Voice of the child\n\nPartners will report on what children told them.\n\n"
        "### Executive meeting, 11 March 2025\n\n"
        "#### Domestic abuse\n\nA new pathway for teenagers in abusive relationships.\n",
        markdown=True,
    )
    assert [(m[0], m[1]) for m in messages] == [
        (datetime.date(2025, 1, 14), "Thresholds"),
        (datetime.date(2025, 1, 14), "Voice of the child"),
        (datetime.date(2025, 3, 11), "Domestic abuse"),
    ]
    assert reading.messages[0].meeting_title == "Executive meeting"


def test_lines_that_are_not_messages_are_left_out_with_the_reason():
    messages, reading = found(
        "Key messages\n\n"
        "Date of meeting: 21 May 2024\n\n"
        "Apologies: police, health\n\n"
        "Online safety\n\n"
        "Parents can now book the online safety workshops on the website.\n\n"
        "We said goodbye to our independent scrutineer, who has retired after six years.\n\n"
        "Please share these key messages with your teams.\n\n"
        "Next meeting: 16 July 2024\n\n"
        "Contact the business unit at lscp@example.org or 01234 567890.\n"
    )
    assert [(m[0], m[1]) for m in messages] == [(datetime.date(2024, 5, 21), "Online safety")]
    reasons = left_out(reading)
    assert reasons["Apologies: police, health"] == ATTENDANCE
    assert (
        reasons["We said goodbye to our independent scrutineer, who has retired after six years."]
        == PEOPLE
    )
    assert reasons["Please share these key messages with your teams."] == READING_NOTE
    assert reasons["Next meeting: 16 July 2024"] == NEXT_MEETING
    assert reasons["Contact the business unit at lscp@example.org or 01234 567890."] == CONTACT
    meetings = [line for line in reading.lines if line["role"] == "meeting"]
    assert [m["text"] for m in meetings] == ["Date of meeting: 21 May 2024"]


def test_newsletter_with_meeting_dates_in_sentences_and_only_the_board_section():
    text = (
        "# Greyfield Partnership Newsletter – Summer 2025\n\n"
        "## In this edition\n\nTraining, a new podcast and news from the Board.\n\n"
        "## Board update\n\n"
        "At its meeting on 5 March 2025 the Board agreed:\n\n"
        "- A single front door for adult and children's referrals from September.\n"
        "- A review of how partners hear the voice of babies.\n\n"
        "The Board met again on 4 June 2025 and discussed the following:\n\n"
        "- Results of the neglect audit, which found good use of the toolkit.\n\n"
        "## Training\n\n"
        "Book our free course on working with fathers.\n"
    )
    messages, reading = found(text, markdown=True)
    assert [(m[0], m[2]) for m in messages] == [
        (datetime.date(2025, 3, 5), True),
        (datetime.date(2025, 3, 5), True),
        (datetime.date(2025, 6, 4), True),
    ]
    texts = {line["text"]: line for line in reading.lines}
    assert texts["Book our free course on working with fathers."]["role"] == "outside"
    assert texts["At its meeting on 5 March 2025 the Board agreed:"]["role"] == "meeting"


def test_the_edition_date_is_used_and_marked_when_no_meeting_is_dated():
    messages, reading = found(
        "Safeguarding digest, April 2025\n\n"
        "Fire safety – Fire crews will visit families referred by health visitors.\n\n"
        "Bruising in babies – The protocol now covers all non-mobile babies.\n"
    )
    assert [(m[0], m[1]) for m in messages] == [
        (datetime.date(2025, 4, 1), "Fire safety"),
        (datetime.date(2025, 4, 1), "Bruising in babies"),
    ]
    assert reading.messages[0].meeting_date_precision == "month"
    assert "date of the edition" in reading.messages[0].date_note


def test_month_only_headings_and_several_meetings():
    messages, _ = found(
        "January 2024\n\nCourt skills – New guidance for practitioners going to court.\n\n"
        "March 2024\n\nSuicide prevention – The partnership signed the county pledge.\n"
    )
    assert [(m[0], m[1]) for m in messages] == [
        (datetime.date(2024, 1, 1), "Court skills"),
        (datetime.date(2024, 3, 1), "Suicide prevention"),
    ]


def test_a_document_with_no_dates_at_all_is_refused_with_what_to_do():
    with pytest.raises(DocumentError, match="no meeting headings were found"):
        read_text_messages("Some notes\n\nOnline harm – young people need support.\n")

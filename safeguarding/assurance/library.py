"""The audit tools shipped with the platform, as data.

``safeguarding load-audit-templates`` turns these into editable templates (version 1,
published). The business unit then edits them through a new draft version. Standards
follow the statutory guidance and published local tools: the Section 11 standards agreed across
Southend, Essex and Thurrock (SET) and the canonical set recommended there, the Essex
schools audit's 13 sections, and the multi-agency case audit domains with Ofsted-style
grades.
"""

from __future__ import annotations

MET_SCALE = {
    "name": "Met scale",
    "description": "1 Not met, 2 Partly met, 3 Fully met. Not applicable (with a reason) is "
    "excluded from the results.",
    "levels": [
        (1, "Not met", "red", "not_met", "The standard is not in place."),
        (2, "Partly met", "amber", "partly", "Some of the standard is in place or embedded."),
        (3, "Fully met", "green", "met", "The standard is in place, embedded and evidenced."),
    ],
}

GRADE_SCALE = {
    "name": "Ofsted grades",
    "description": "The four judgements used by Ofsted inspections of children's services.",
    "levels": [
        (1, "Inadequate", "red", "not_met", "Practice left the child at risk of harm."),
        (2, "Requires improvement", "amber", "partly", "Practice was not yet good."),
        (3, "Good", "green", "met", "Practice made a positive difference for the child."),
        (4, "Outstanding", "green", "met", "Practice was exceptional and could be shared."),
    ],
}

THEMATIC_SCALE = {
    "name": "Good, adequate, inadequate",
    "description": "The panel's judgement on the practice seen in the audited cases.",
    "levels": [
        (1, "Inadequate", "red", "not_met", "Practice did not meet the standard."),
        (2, "Adequate", "amber", "partly", "Practice met the basic standard."),
        (3, "Good", "green", "met", "Practice was consistently good."),
    ],
}


def standard(
    key: str, reference: str, text: str, evidence: str, guidance: str = "", **options
) -> dict:
    """A rated standard on the template's first scale."""
    return {
        "key": key,
        "reference": reference,
        "text": text,
        "evidence_expected": evidence,
        "guidance": guidance,
        "answer_type": "rating",
        "allows_not_applicable": options.get("na", True),
        "evidence_required": options.get("evidence_required", True),
        "moderated": options.get("moderated", False),
        "required": options.get("required", True),
        "scale": options.get("scale"),
    }


def question(key: str, reference: str, text: str, answer_type: str, **options) -> dict:
    return {
        "key": key,
        "reference": reference,
        "text": text,
        "answer_type": answer_type,
        "guidance": options.get("guidance", ""),
        "evidence_expected": options.get("evidence", ""),
        "required": options.get("required", True),
        "allows_not_applicable": options.get("na", False),
        "evidence_required": False,
        "moderated": False,
        "scale": None,
    }


def _s11(key: str, reference: str, text: str, evidence: str, guidance: str = "", **kw) -> dict:
    return standard(f"s11-{key}", reference, text, evidence, guidance, moderated=True, **kw)


SECTION_11 = {
    "slug": "section-11",
    "name": "Section 11 self-assessment",
    "kind": "section_11",
    "description": (
        "The Section 11 (Children Act 2004) self-assessment used jointly by Southend, Essex "
        "and Thurrock. Each standard is rated 1 Not met, 2 Partly met or 3 Fully met, backed by "
        "evidence, and moderated by the partnership. A standard that does not apply may be "
        "marked Not applicable with a reason; it is left out of the results."
    ),
    "scales": [MET_SCALE],
    "sections": [
        {
            "title": "About your organisation",
            "description": "Who leads safeguarding and how many people work with children.",
            "questions": [
                question(
                    "s11-org-senior-lead",
                    "A1",
                    "Name and job title of the senior (board or director level) safeguarding lead",
                    "text",
                ),
                question(
                    "s11-org-staff",
                    "A2",
                    "How many staff and volunteers work with or have contact with children?",
                    "number",
                ),
                question(
                    "s11-org-chart",
                    "A3",
                    "Organisation chart showing safeguarding accountability",
                    "file",
                    required=False,
                    guidance="Upload a PDF, Word or image file.",
                ),
            ],
        },
        {
            "title": "Standard 1: Leadership, governance and accountability",
            "questions": [
                _s11(
                    "1-1",
                    "1.1",
                    "A named board or director-level lead is accountable for safeguarding "
                    "children, with the knowledge, skills and authority to lead it.",
                    "Organisation chart, job description of the lead, board minutes.",
                    "Working Together 2023 expects a senior board or director-level lead.",
                ),
                _s11(
                    "1-2",
                    "1.2",
                    "A written accountability framework sets out clear lines of accountability "
                    "for safeguarding, from front-line staff to the board.",
                    "Accountability framework, organisation chart.",
                ),
                _s11(
                    "1-3",
                    "1.3",
                    "The organisation is represented at the partnership and its sub-groups, and "
                    "reports on safeguarding to its board at least once a year.",
                    "Attendance records, annual safeguarding report to the board.",
                ),
                _s11(
                    "1-4",
                    "1.4",
                    "An internal audit programme checks safeguarding practice and reports its "
                    "findings to senior managers.",
                    "Audit programme, audit reports and the actions taken.",
                ),
            ],
        },
        {
            "title": "Standard 2: Policies and procedures",
            "questions": [
                _s11(
                    "2-1",
                    "2.1",
                    "A child protection policy in line with the SET safeguarding procedures is "
                    "in place, reviewed at least every two years and available to all staff.",
                    "The policy with its review date; where staff find it.",
                ),
                _s11(
                    "2-2",
                    "2.2",
                    "Staff know how to raise a safeguarding concern and how to request support "
                    "from children's social care.",
                    "Staff survey results, referral figures, induction materials.",
                ),
                _s11(
                    "2-3",
                    "2.3",
                    "Policies are embedded: managers check that staff follow them in practice.",
                    "Practice audits, supervision records, spot checks.",
                    "The 2022 audit found embedding policy was the area of least confidence.",
                ),
            ],
        },
        {
            "title": "Standard 3: Voice of the child and family",
            "questions": [
                _s11(
                    "3-1",
                    "3.1",
                    "Children's wishes and feelings are sought, recorded and taken into account "
                    "in individual decisions.",
                    "Case audit findings, examples from records.",
                ),
                _s11(
                    "3-2",
                    "3.2",
                    "Feedback from children and families shapes how services are developed.",
                    "Feedback summaries; “you said, we did” examples of changed services.",
                    "Service development was an area of lower confidence in 2022.",
                ),
            ],
        },
        {
            "title": "Standard 4: Safer recruitment and allegations management",
            "questions": [
                _s11(
                    "4-1",
                    "4.1",
                    "Staff and volunteers who work with children have the right DBS check, "
                    "references and identity checks before they start.",
                    "Recruitment policy, an extract of recruitment records or the single "
                    "central record.",
                ),
                _s11(
                    "4-2",
                    "4.2",
                    "At least one member of every recruitment panel for posts with children has "
                    "safer recruitment training.",
                    "Training records of recruiting managers.",
                ),
                _s11(
                    "4-3",
                    "4.3",
                    "Allegations against people who work with children are reported to the "
                    "LADO within one working day and overseen by a senior manager.",
                    "Allegations policy, LADO referral log.",
                ),
            ],
        },
        {
            "title": "Standard 5: Training and development",
            "questions": [
                _s11(
                    "5-1",
                    "5.1",
                    "A training needs analysis sets the level of safeguarding training each "
                    "role needs (partnership levels 1 to 3; intercollegiate levels in health).",
                    "Training needs analysis or training matrix.",
                ),
                _s11(
                    "5-2",
                    "5.2",
                    "Staff complete and refresh safeguarding training at the level their role "
                    "needs, and compliance is monitored.",
                    "Compliance figures as a percentage, by level.",
                ),
                _s11(
                    "5-3",
                    "5.3",
                    "Staff take part in the partnership's multi-agency training.",
                    "Bookings and attendance at partnership training.",
                ),
            ],
        },
        {
            "title": "Standard 6: Supervision and support",
            "questions": [
                _s11(
                    "6-1",
                    "6.1",
                    "Staff who work with children have regular supervision that includes "
                    "safeguarding.",
                    "Supervision policy, audit of supervision records.",
                ),
                _s11(
                    "6-2",
                    "6.2",
                    "Designated and named safeguarding practitioners have the time, funding, "
                    "supervision and support their role needs.",
                    "Job descriptions, supervision arrangements.",
                ),
            ],
        },
        {
            "title": "Standard 7: Information sharing and inter-agency working",
            "questions": [
                _s11(
                    "7-1",
                    "7.1",
                    "An information sharing protocol complies with the law and with the "
                    "partnership's arrangements.",
                    "Information sharing protocol.",
                ),
                _s11(
                    "7-2",
                    "7.2",
                    "Staff are clear and confident in sharing information and in using the "
                    "escalation (resolving professional differences) policy.",
                    "Staff survey, escalation log.",
                ),
                _s11(
                    "7-3",
                    "7.3",
                    "The organisation takes part in early help and inter-agency work: strategy "
                    "discussions, child protection conferences and core groups.",
                    "Attendance figures, reports to conferences.",
                    "Early help and inter-agency working were areas of lower confidence in 2022.",
                ),
            ],
        },
        {
            "title": "Standard 8: Whistleblowing",
            "questions": [
                _s11(
                    "8-1",
                    "8.1",
                    "A whistleblowing (Freedom to Speak Up) procedure is in place and staff "
                    "know how to use it.",
                    "Whistleblowing policy, evidence of staff awareness.",
                ),
            ],
        },
        {
            "title": "Standard 9: Commissioning",
            "questions": [
                _s11(
                    "9-1",
                    "9.1",
                    "Contracts for services to children include Section 11 safeguarding "
                    "requirements, and providers are monitored against them.",
                    "Contract clauses, contract monitoring reports.",
                    "Mark Not applicable if your organisation does not commission services.",
                ),
            ],
        },
        {
            "title": "Standard 10: Learning from reviews and audits",
            "questions": [
                _s11(
                    "10-1",
                    "10.1",
                    "Learning from child safeguarding practice reviews, rapid reviews and audits "
                    "is shared with staff and acted on.",
                    "Action plans, 7-minute briefings shared, team meeting notes.",
                ),
                _s11(
                    "10-2",
                    "10.2",
                    "Actions from the organisation's last Section 11 self-assessment have been "
                    "completed.",
                    "The updated action plan.",
                ),
            ],
        },
        {
            "title": "Standard 11: Equality, diversity and a culture of safety",
            "questions": [
                _s11(
                    "11-1",
                    "11.1",
                    "Services take account of children's race, culture, religion, disability, "
                    "sex and sexuality.",
                    "Equality impact assessments, training.",
                ),
                _s11(
                    "11-2",
                    "11.2",
                    "There is a culture of safety: staff feel able to raise concerns and "
                    "children can tell someone when they are worried.",
                    "Staff survey, complaints and feedback from children.",
                ),
            ],
        },
    ],
}


def _sch(key: str, reference: str, text: str, evidence: str, guidance: str = "") -> dict:
    return standard(f"sch-{key}", reference, text, evidence, guidance)


SCHOOLS = {
    "slug": "schools-175-157",
    "name": "Section 175/157 schools safeguarding audit",
    "kind": "schools",
    "description": (
        "The safeguarding audit every education setting submits to the partnership every two "
        "years (Education Act 2002, sections 175 and 157; Keeping Children Safe in Education). "
        "Completed by the designated safeguarding lead, ideally with the safeguarding governor. "
        "Rated 1 Not met, 2 Partly met, 3 Fully met; 0 Not applicable. One return per school "
        "with its own designated safeguarding lead, including schools in a trust."
    ),
    "scales": [MET_SCALE],
    "sections": [
        {
            "title": "School details",
            "questions": [
                question("sch-dsl", "D1", "Name of the designated safeguarding lead", "text"),
                question("sch-deputy", "D2", "Names of the deputy designated leads", "text"),
                question(
                    "sch-governor", "D3", "Name of the safeguarding governor or trustee", "text"
                ),
                question(
                    "sch-dsl-trained",
                    "D4",
                    "When did the designated safeguarding lead last complete DSL training?",
                    "text",
                    guidance="For example, March 2023.",
                ),
                question("sch-roll", "D5", "Number of pupils on roll", "number"),
                question(
                    "sch-referrals",
                    "D6",
                    "Requests for support made to children's social care this academic year",
                    "number",
                ),
                question(
                    "sch-board-report",
                    "D7",
                    "Has the governing board received the school's yearly safeguarding report?",
                    "yes_no",
                ),
            ],
        },
        {
            "title": "Safeguarding governance",
            "questions": [
                _sch(
                    "1-1",
                    "1.1",
                    "A named governor or trustee for safeguarding meets the designated "
                    "safeguarding lead at least once a term.",
                    "Governing board minutes, notes of meetings.",
                ),
                _sch(
                    "1-2",
                    "1.2",
                    "The governing board reviews safeguarding policies every year and receives "
                    "a yearly safeguarding report.",
                    "Minutes recording the review and the report.",
                ),
                _sch(
                    "1-3",
                    "1.3",
                    "Appropriate filtering and monitoring systems are in place and reviewed at "
                    "least once a year, with clear responsibilities.",
                    "Filtering and monitoring review, named responsibilities.",
                    "Keeping Children Safe in Education, part two.",
                ),
            ],
        },
        {
            "title": "Designated safeguarding leads",
            "questions": [
                _sch(
                    "2-1",
                    "2.1",
                    "The designated safeguarding lead is a member of the senior leadership team, "
                    "with the role in their job description and time to carry it out.",
                    "Job description, timetable.",
                ),
                _sch(
                    "2-2",
                    "2.2",
                    "The lead and deputies have refreshed their DSL training in the last two "
                    "years and update their knowledge at least once a year.",
                    "Certificates, training log.",
                ),
                _sch(
                    "2-3",
                    "2.3",
                    "A designated lead or deputy is always available in school hours and for "
                    "out-of-hours activities.",
                    "Rota, arrangements for trips and clubs.",
                ),
            ],
        },
        {
            "title": "Safeguarding policies",
            "questions": [
                _sch(
                    "3-1",
                    "3.1",
                    "The child protection policy reflects the current Keeping Children Safe in "
                    "Education and the SET procedures, is reviewed every year and is on the "
                    "school's website.",
                    "Policy with review date, website link.",
                ),
                _sch(
                    "3-2",
                    "3.2",
                    "A staff code of conduct covers low-level concerns, online safety and "
                    "relationships with pupils.",
                    "Code of conduct, staff acknowledgement records.",
                ),
                _sch(
                    "3-3",
                    "3.3",
                    "Procedures for children missing from education and for poor attendance "
                    "are followed.",
                    "Attendance procedures, referrals to the local authority.",
                ),
            ],
        },
        {
            "title": "Safer recruitment",
            "questions": [
                _sch(
                    "4-1",
                    "4.1",
                    "The single central record is complete and checked every term by a senior "
                    "leader and the safeguarding governor.",
                    "Single central record checks (do not upload the record itself).",
                ),
                _sch(
                    "4-2",
                    "4.2",
                    "At least one member of every interview panel has safer recruitment training.",
                    "Training certificates of recruiting staff.",
                ),
                _sch(
                    "4-3",
                    "4.3",
                    "References are taken up and online searches done for shortlisted "
                    "candidates before interview.",
                    "Recruitment files (a sample).",
                ),
            ],
        },
        {
            "title": "What staff need to know",
            "questions": [
                _sch(
                    "5-1",
                    "5.1",
                    "All staff have read Keeping Children Safe in Education part one (or annex "
                    "A) and confirmed that they have.",
                    "Signed confirmations.",
                ),
                _sch(
                    "5-2",
                    "5.2",
                    "All staff have safeguarding training at induction and updates at least "
                    "once a year, including online safety.",
                    "Training records.",
                ),
                _sch(
                    "5-3",
                    "5.3",
                    "Staff know how to record and report a concern, and that anyone can make a "
                    "referral to children's social care.",
                    "Staff survey, records of concerns.",
                ),
            ],
        },
        {
            "title": "Inter-agency working",
            "questions": [
                _sch(
                    "6-1",
                    "6.1",
                    "The school contributes to early help, child in need and child protection "
                    "plans and attends the meetings.",
                    "Attendance at conferences and core groups; reports.",
                ),
                _sch(
                    "6-2",
                    "6.2",
                    "Staff know the partnership's levels of need (Effective Support) and how to "
                    "request support.",
                    "Training, requests for support.",
                ),
                _sch(
                    "6-3",
                    "6.3",
                    "Operation Encompass notifications of domestic abuse are acted on the same "
                    "day.",
                    "Log of notifications and the support offered.",
                ),
            ],
        },
        {
            "title": "Allegations against staff and whistleblowing",
            "questions": [
                _sch(
                    "7-1",
                    "7.1",
                    "Allegations that may meet the harm threshold are reported to the LADO "
                    "within one working day.",
                    "Allegations log, LADO contacts.",
                ),
                _sch(
                    "7-2",
                    "7.2",
                    "Low-level concerns about adults are recorded and reviewed for patterns.",
                    "Low-level concerns log.",
                ),
                _sch(
                    "7-3",
                    "7.3",
                    "Staff know the whistleblowing procedure and how to raise concerns outside "
                    "the school.",
                    "Policy, staff awareness.",
                ),
            ],
        },
        {
            "title": "Helping pupils and students keep themselves safe",
            "questions": [
                _sch(
                    "8-1",
                    "8.1",
                    "The curriculum teaches pupils about keeping safe, healthy relationships and "
                    "online safety.",
                    "Relationships, sex and health education scheme of work.",
                ),
                _sch(
                    "8-2",
                    "8.2",
                    "Pupils know whom to talk to when they are worried and feel listened to.",
                    "Pupil surveys, school council feedback.",
                ),
            ],
        },
        {
            "title": "Record keeping and information sharing",
            "questions": [
                _sch(
                    "9-1",
                    "9.1",
                    "Safeguarding records are accurate, in date order and stored securely.",
                    "Record-keeping system, audit of files.",
                ),
                _sch(
                    "9-2",
                    "9.2",
                    "Child protection files are transferred securely within five school days "
                    "when a pupil moves school, with confirmation of receipt.",
                    "Transfer log.",
                ),
                _sch(
                    "9-3",
                    "9.3",
                    "Information is shared promptly with partner agencies under the "
                    "partnership's protocols.",
                    "Examples, information sharing agreement.",
                ),
            ],
        },
        {
            "title": "Child sexual exploitation",
            "questions": [
                _sch(
                    "10-1",
                    "10.1",
                    "Staff know the signs of child sexual and criminal exploitation, including "
                    "county lines, and how to respond.",
                    "Training records, referrals.",
                ),
                _sch(
                    "10-2",
                    "10.2",
                    "The school shares intelligence about exploitation with the police.",
                    "Intelligence submissions.",
                ),
            ],
        },
        {
            "title": "Prevention of extremism and radicalisation",
            "questions": [
                _sch(
                    "11-1",
                    "11.1",
                    "A Prevent duty risk assessment is in place and staff have Prevent training.",
                    "Risk assessment, training records.",
                ),
                _sch(
                    "11-2",
                    "11.2",
                    "The designated lead knows how to make a Prevent referral and does so when "
                    "needed.",
                    "Referral records.",
                ),
            ],
        },
        {
            "title": "Honour-based abuse, female genital mutilation and forced marriage",
            "questions": [
                _sch(
                    "12-1",
                    "12.1",
                    "Staff know the signs of honour-based abuse, FGM and forced marriage; "
                    "teachers know their duty to report known cases of FGM to the police.",
                    "Training records, policy.",
                ),
            ],
        },
        {
            "title": "Positive mental health and emotional wellbeing",
            "questions": [
                _sch(
                    "13-1",
                    "13.1",
                    "A senior mental health lead is in place and trained.",
                    "Name and training of the lead.",
                ),
                _sch(
                    "13-2",
                    "13.2",
                    "Pupils can get help with their mental health, and staff know how to refer "
                    "to specialist services.",
                    "Support offer, referral routes.",
                ),
            ],
        },
    ],
}

CASE_DOMAINS = [
    ("identification", "Identification and referral"),
    ("assessment", "Assessment"),
    ("voice", "Voice of the child"),
    ("planning", "Planning and intervention"),
    ("joint-working", "Information sharing and joint working"),
    ("oversight", "Management oversight and supervision"),
    ("outcome", "Outcome and impact for the child"),
    ("lived-experience", "Lived experience of the child"),
    ("equality", "Equality and diversity"),
]


def _domain(number: int, slug: str, title: str) -> dict:
    return {
        "title": title,
        "is_domain": True,
        "questions": [
            standard(
                f"maca-{slug}-grade",
                f"{number}.1",
                f"How good was your agency's practice on {title.lower()}?",
                "Examples from the records you reviewed.",
                na=False,
                evidence_required=True,
            ),
            question(
                f"maca-{slug}-good",
                f"{number}.2",
                "Good practice",
                "text",
                required=False,
            ),
            question(
                f"maca-{slug}-development",
                f"{number}.3",
                "Areas for development",
                "text",
                required=False,
            ),
        ],
    }


CASE_AUDIT = {
    "slug": "multi-agency-case-audit",
    "name": "Multi-agency case audit: single-agency tool",
    "kind": "case_audit",
    "description": (
        "Each agency involved in a sampled case completes this tool from its own records before "
        "the multi-agency panel. Cases are known only by a pseudonymised reference. Each domain "
        "is graded Outstanding, Good, Requires improvement or Inadequate, with the good practice "
        "and areas for development found."
    ),
    "scales": [GRADE_SCALE],
    "sections": [
        {
            "title": "Your agency's involvement",
            "questions": [
                question(
                    "maca-involvement",
                    "1.1",
                    "Your agency's involvement with the child and family during the audit period",
                    "text",
                    guidance="Services, dates and the main contacts. No names of children or "
                    "family members.",
                ),
                question("maca-records", "1.2", "Which records did you review?", "text"),
                question(
                    "maca-contacts",
                    "1.3",
                    "How many contacts did your agency have with the child in the audit period?",
                    "number",
                ),
            ],
        },
        *[_domain(index + 2, slug, title) for index, (slug, title) in enumerate(CASE_DOMAINS)],
        {
            "title": "Overall",
            "questions": [
                standard(
                    "maca-overall-grade",
                    "11.1",
                    "Overall, how good was your agency's practice in this case?",
                    "A short summary of why.",
                    na=False,
                ),
                question(
                    "maca-recommendations",
                    "11.2",
                    "Recommendations for your agency",
                    "text",
                ),
                question(
                    "maca-partnership-learning",
                    "11.3",
                    "Learning for the partnership",
                    "text",
                    required=False,
                ),
            ],
        },
    ],
}

THEMATIC = {
    "slug": "thematic-audit-neglect",
    "name": "Multi-agency thematic audit: neglect",
    "kind": "thematic",
    "description": (
        "A thematic audit of practice with children living with neglect. Each agency audits "
        "a sample of its own cases and reports what it found, graded Good, Adequate or "
        "Inadequate."
    ),
    "scales": [THEMATIC_SCALE],
    "sections": [
        {
            "title": "Your audit sample",
            "questions": [
                question("neg-sample", "1.1", "How many cases did you audit?", "number"),
                question(
                    "neg-sample-summary",
                    "1.2",
                    "Summary of your audit findings",
                    "file",
                    required=False,
                    guidance="Optional: upload your own audit report (no identifiable details).",
                ),
            ],
        },
        {
            "title": "Recognition of neglect",
            "questions": [
                standard(
                    "neg-recognition",
                    "2.1",
                    "Practitioners recognised neglect early and responded.",
                    "Examples from the audited cases.",
                    na=False,
                ),
                question(
                    "neg-gcp2",
                    "2.2",
                    "Was the Graded Care Profile 2 used where neglect was a concern?",
                    "yes_no",
                ),
            ],
        },
        {
            "title": "Voice and lived experience of the child",
            "questions": [
                standard(
                    "neg-voice",
                    "3.1",
                    "Records show what daily life is like for the child, in their own words "
                    "where possible.",
                    "Examples from the audited cases.",
                    na=False,
                ),
            ],
        },
        {
            "title": "Multi-agency working",
            "questions": [
                standard(
                    "neg-joint-working",
                    "4.1",
                    "Agencies shared information and worked together to a shared plan.",
                    "Examples from the audited cases.",
                    na=False,
                ),
            ],
        },
        {
            "title": "Management oversight",
            "questions": [
                standard(
                    "neg-oversight",
                    "5.1",
                    "Managers reviewed drift and delay, and supervision made a difference.",
                    "Supervision records.",
                    na=False,
                ),
            ],
        },
        {
            "title": "Outcomes for children",
            "questions": [
                standard(
                    "neg-outcomes",
                    "6.1",
                    "Children's circumstances improved because of the help given.",
                    "What changed for the children.",
                    na=False,
                ),
                question(
                    "neg-improve",
                    "6.2",
                    "What would most improve practice with neglect in your agency?",
                    "text",
                ),
            ],
        },
    ],
}

# The yearly report's agency contributions (ADR 0032): a short set of free-text questions each
# statutory partner and chosen relevant agency answers for the report period.
YEARLY_REPORT_CONTRIBUTION = {
    "slug": "yearly-report-contribution",
    "name": "Yearly report contribution",
    "kind": "yearly_report",
    "description": (
        "What each statutory partner and relevant agency tells the partnership for its yearly "
        "report: what it did to keep children safe, the impact, its challenges, its priorities "
        "for next year and an example. The answers appear in the report in the agency's name."
    ),
    "scales": [],
    "sections": [
        {
            "title": "Your agency's year",
            "questions": [
                question(
                    "yrc-what-we-did",
                    "1.1",
                    "What did your agency do this year to keep children safe?",
                    "text",
                    guidance="The main things you did, in plain language. No names of children "
                    "or families.",
                ),
                question(
                    "yrc-impact",
                    "1.2",
                    "What difference did it make to children and families?",
                    "text",
                    guidance="The impact you can evidence: figures, feedback, audit findings.",
                ),
                question(
                    "yrc-challenges",
                    "1.3",
                    "What were your main challenges?",
                    "text",
                ),
                question(
                    "yrc-priorities",
                    "1.4",
                    "What are your priorities for next year?",
                    "text",
                ),
                question(
                    "yrc-example",
                    "1.5",
                    "An example of your work that made a difference",
                    "text",
                    required=False,
                    guidance="Optional: a short, anonymised example (use a pseudonym such as "
                    "“Child Q”).",
                ),
            ],
        },
    ],
}

LIBRARY = [SECTION_11, SCHOOLS, CASE_AUDIT, THEMATIC, YEARLY_REPORT_CONTRIBUTION]

"""The demo partnership: Essex, with Southend and Thurrock as joint partners.

Organisations and structure follow the Essex Safeguarding Children Board's 2021–23 report
(its published annual report). Schools, charities and every person are fictional.
"""

ESSEX = {
    "slug": "essex",
    "name": "Essex Safeguarding Children Board",
    "area": "Essex",
    "contact_line": "Concerned about a child or young person? Call 0345 603 7627",
    "contact_email": "escb.businessunit@demo.example",
    "brand_colour": "#5b2d6e",
    "about": (
        "The Essex Safeguarding Children Board brings together Essex County Council, Essex "
        "Police and the three integrated care boards, with education, health providers, the "
        "voluntary sector, probation and the city, district and borough councils, to keep "
        "children and young people in Essex safe."
    ),
    "localities": ["North", "South", "Mid", "West"],
}

JOINT = [
    {
        "slug": "southend",
        "name": "Southend Safeguarding Partnership",
        "area": "Southend-on-Sea",
        "contact_line": (
            "Concerned about a child or young person in Southend? Contact Southend-on-Sea "
            "City Council children's services. In an emergency call 999."
        ),
        "brand_colour": "#00558c",
        "localities": [],
    },
    {
        "slug": "thurrock",
        "name": "Thurrock Local Safeguarding Children Partnership",
        "area": "Thurrock",
        "contact_line": (
            "Concerned about a child or young person in Thurrock? Contact Thurrock Council "
            "children's services. In an emergency call 999."
        ),
        "brand_colour": "#1e5632",
        "localities": [],
    },
]

# (name, type, sector, locality, statutory partner, extra partnerships)
STATUTORY = [
    ("Essex County Council", "local_authority", "local_authority", None, True, []),
    ("Essex Police", "police", "police", None, True, ["southend", "thurrock"]),
    (
        "Mid and South Essex Integrated Care Board",
        "icb",
        "health",
        None,
        True,
        ["southend", "thurrock"],
    ),
    ("Hertfordshire and West Essex Integrated Care Board", "icb", "health", "West", True, []),
    ("Suffolk and North East Essex Integrated Care Board", "icb", "health", "North", True, []),
]

RELEVANT = [
    ("Southend-on-Sea City Council", "local_authority", "local_authority", None, ["southend"]),
    ("Thurrock Council", "local_authority", "local_authority", None, ["thurrock"]),
    ("Probation Service – Essex", "probation", "police", None, ["southend", "thurrock"]),
    ("Essex Youth Justice Service", "youth_justice", "local_authority", None, []),
    ("Essex Council for Voluntary Youth Services (ECVYS)", "voluntary", "voluntary", None, []),
    (
        "Essex Partnership University NHS Foundation Trust",
        "health_provider",
        "health",
        None,
        ["southend", "thurrock"],
    ),
    (
        "Mid and South Essex NHS Foundation Trust",
        "health_provider",
        "health",
        "South",
        ["southend", "thurrock"],
    ),
    (
        "East of England Ambulance Service NHS Trust",
        "health_provider",
        "health",
        None,
        ["southend", "thurrock"],
    ),
    ("Basildon Borough Council", "district_council", "district", "South", []),
    ("Braintree District Council", "district_council", "district", "Mid", []),
    ("Brentwood Borough Council", "district_council", "district", "South", []),
    ("Castle Point Borough Council", "district_council", "district", "South", []),
    ("Chelmsford City Council", "district_council", "district", "Mid", []),
    ("City of Colchester Council", "district_council", "district", "North", []),
    ("Epping Forest District Council", "district_council", "district", "West", []),
    ("Harlow Council", "district_council", "district", "West", []),
    ("Maldon District Council", "district_council", "district", "Mid", []),
    ("Rochford District Council", "district_council", "district", "South", []),
    ("Tendring District Council", "district_council", "district", "North", []),
    ("Uttlesford District Council", "district_council", "district", "West", []),
    # Fictional voluntary organisations, members of ECVYS.
    ("Riverside Youth Project", "voluntary", "voluntary", "North", []),
    ("Harbour Lights Family Support", "voluntary", "voluntary", "South", []),
    ("Forest Scouts and Guides Network", "voluntary", "voluntary", "West", []),
    ("Chelmer Valley Young Carers", "voluntary", "voluntary", "Mid", []),
]

# Fictional multi-academy trusts.
TRUSTS = [
    ("Blackwater Learning Trust", "Mid"),
    ("Estuary Academies Partnership", "South"),
    ("Stour Valley Education Trust", "North"),
]

# Fictional schools: (name, phase, type, locality, trust)
SCHOOLS = [
    ("Oakfield Primary School", "primary", "maintained", "North", None),
    (
        "Wivenhoe Road Primary Academy",
        "primary",
        "academy",
        "North",
        "Stour Valley Education Trust",
    ),
    (
        "Harwich Lane Secondary Academy",
        "secondary",
        "academy",
        "North",
        "Stour Valley Education Trust",
    ),
    ("St Botolph's Church of England Primary School", "primary", "maintained", "North", None),
    ("Tiptree Heath Nursery", "early_years", "early_years", "North", None),
    ("Maldon Marsh Primary Academy", "primary", "academy", "Mid", "Blackwater Learning Trust"),
    ("Blackwater Secondary Academy", "secondary", "academy", "Mid", "Blackwater Learning Trust"),
    ("Springfield Meadows Primary School", "primary", "maintained", "Mid", None),
    ("Chelmer Special School", "special", "maintained", "Mid", None),
    ("Writtle Grange Independent School", "all_through", "independent", "Mid", None),
    (
        "Canvey Shore Primary Academy",
        "primary",
        "academy",
        "South",
        "Estuary Academies Partnership",
    ),
    (
        "Pitsea Park Secondary Academy",
        "secondary",
        "academy",
        "South",
        "Estuary Academies Partnership",
    ),
    ("Hadleigh Downs Infant School", "primary", "maintained", "South", None),
    ("South Essex Vocational College", "further_education", "further_education", "South", None),
    ("Harlow Fields Primary School", "primary", "maintained", "West", None),
    ("Epping Upland Secondary School", "secondary", "maintained", "West", None),
    ("Saffron Walden Road Primary School", "primary", "maintained", "West", None),
    ("Stort Valley Pupil Referral Unit", "alternative", "maintained", "West", None),
]

# One demo account per role. Addresses are documented in README.md.
ACCOUNTS = [
    {
        "email": "business-unit@demo.example",
        "full_name": "Morgan Ellis",
        "job_title": "Business manager",
        "agency": "Essex County Council",
        "role": "business_unit",
        "is_staff": True,
    },
    {
        "email": "chair@demo.example",
        "full_name": "Jordan Whitlock",
        "job_title": "Independent chair and scrutineer",
        "agency": None,
        "role": "chair",
    },
    {
        "email": "partner@demo.example",
        "full_name": "Alex Okafor",
        "job_title": "Detective Superintendent, delegated safeguarding partner",
        "agency": "Essex Police",
        "role": "safeguarding_partner",
    },
    {
        "email": "agency-lead@demo.example",
        "full_name": "Priya Hartley",
        "job_title": "Designated safeguarding lead",
        "agency": "Oakfield Primary School",
        "role": "agency_lead",
    },
    {
        "email": "practitioner@demo.example",
        "full_name": "Casey Marsh",
        "job_title": "Youth worker",
        "agency": "Riverside Youth Project",
        "role": "practitioner",
    },
    {
        "email": "reviewer@demo.example",
        "full_name": "Robin Ashdown",
        "job_title": "Independent reviewer",
        "agency": None,
        "role": "reviewer",
    },
    {
        # The child death overview panel is SET-wide: the demo adds Southend and Thurrock.
        "email": "cdop@demo.example",
        "full_name": "Dr Hannah Reeve",
        "job_title": "Chair of the SET Child Death Overview Panel",
        "agency": "Mid and South Essex Integrated Care Board",
        "role": "cdop_chair",
    },
    {
        "email": "cdop-member@demo.example",
        "full_name": "Lee Gorman",
        "job_title": "Child death review coordinator (named person)",
        "agency": "Essex County Council",
        "role": "cdop_member",
    },
    {
        "email": "health-lead@demo.example",
        "full_name": "Nadia Brooks",
        "job_title": "Named nurse for safeguarding children",
        "agency": "Mid and South Essex NHS Foundation Trust",
        "role": "agency_lead",
    },
    {
        # A business unit of a joint partner only: sees Southend's records, none of Essex's.
        "email": "southend-business-unit@demo.example",
        "full_name": "Sam Leigh",
        "job_title": "Partnership business manager",
        "agency": "Southend-on-Sea City Council",
        "role": "business_unit",
        "partnership": "southend",
        "is_staff": True,
    },
]

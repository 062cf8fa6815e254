"""The starting list of themes shipped with the platform (the business unit edits it)."""

STARTING_THEMES = [
    ("Child exploitation", "Criminal and sexual exploitation, county lines, trafficking"),
    ("Children missing education", ""),
    ("Domestic abuse", "Including the impact of domestic abuse on children"),
    ("Early help", ""),
    ("Elective home education", ""),
    ("Emotional wellbeing and mental health", "Children's emotional wellbeing and mental health"),
    ("Harmful sexual behaviour", ""),
    ("Missing children", "Children missing from home or care"),
    ("Neglect", ""),
    ("Neurodiversity", ""),
    ("Non-accidental injury", "Including bruising in non-mobile babies"),
    ("Online harm", "Online safety, sextortion, harmful content"),
    ("Parental mental health", ""),
    ("Parental substance misuse", ""),
    ("Risk in the community", "Contextual safeguarding, serious youth violence"),
    ("Safe recruitment and allegations", "Safer recruitment, vetting, LADO"),
    ("SUDI and safer sleep", "Sudden unexpected death in infancy"),
    ("Suicide and self-harm", ""),
    ("Think family", ""),
    ("Trauma-informed practice", ""),
    ("Voice of the child", ""),
]

# The national Child Safeguarding Practice Review Panel's themes (its annual reports and
# national reviews). Each practice theme maps onto one or more of these keys.
NATIONAL_THEMES = [
    ("leadership_culture", "Leadership and culture"),
    ("race_ethnicity_culture", "Race, ethnicity and culture"),
    ("whole_family", "Whole-family approach"),
    ("babies", "Vulnerability of babies"),
    ("domestic_abuse", "Domestic abuse"),
    ("risks_outside_family", "Risks outside the family"),
    ("disability_health", "Disability and health needs"),
    ("children_mental_health", "Children's mental health"),
    ("parental_mental_health", "Parental mental health"),
    ("children_not_in_school", "Children not in school"),
    ("young_carers", "Young carers"),
    ("gypsy_roma_traveller", "Gypsy, Roma and Traveller communities"),
]
NATIONAL_THEME_NAMES = dict(NATIONAL_THEMES)

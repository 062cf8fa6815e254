"""Audit codes written by the assurance app (the catalogue reads EVENTS)."""

EVENTS = {
    # --- Question sets and past returns (imports) ---
    "assurance.question_set.import": "A question set file was imported into a draft audit "
    "template (questions created or updated, with its scale and extra fields).",
    "assurance.past_return.import": "Organisations' past returns were imported from a file as "
    "a campaign's previous cycle.",
    "assurance.rating_scale.save": "A rating scale was added to a draft template version, or "
    "its levels were replaced.",
    # --- end of question sets and past returns ---
}

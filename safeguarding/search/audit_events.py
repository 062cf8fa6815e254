"""Every audit code the search app writes, with what it means."""

INDEX_REBUILD = "search.index.rebuild"
EXTERNAL_REVIEW_IMPORT = "search.external_review.import"
EXTERNAL_REVIEW_PUBLISH = "search.external_review.publish"
THEME_MERGE = "search.theme.merge"
THEME_UPDATE = "search.theme.update"
THEME_SUGGESTION_ACCEPT = "search.theme_suggestion.accept"
THEME_SUGGESTION_REJECT = "search.theme_suggestion.reject"

EVENTS = {
    INDEX_REBUILD: "The search index was rebuilt from the records of every capability.",
    EXTERNAL_REVIEW_IMPORT: "A published review from elsewhere was imported into the "
    "learning library.",
    EXTERNAL_REVIEW_PUBLISH: "An imported review from elsewhere was checked and made public.",
    THEME_MERGE: "One practice theme was merged into another, moving every record tagged with it.",
    THEME_UPDATE: "A practice theme was renamed, retired, brought back or given new synonyms.",
    THEME_SUGGESTION_ACCEPT: "A suggested theme was accepted for an existing record, which now "
    "carries it.",
    THEME_SUGGESTION_REJECT: "A suggested theme was rejected for an existing record; it will not "
    "be suggested for that record again.",
}

"""Who may do what with case reviews. Everything not granted here is denied.

Confidential records (notifications, rapid reviews, unpublished reviews) are for the business
unit, the chair and the safeguarding partners of their partnership; a commissioned reviewer
sees their own review; an agency safeguarding lead sees their own agency's summaries and the
recommendations their agency owns.
"""

import rules

from safeguarding.core.permissions import (
    has_any_role,
    is_agency_lead,
    is_business_unit,
    is_chair,
    is_partnership_staff,
    is_reviewer,
    is_safeguarding_partner,
    partnership_ids_of,
)
from safeguarding.core.scoping import leads_agency_in


@rules.predicate
def is_commissioned_reviewer(user, review=None) -> bool:
    """The person commissioned to write this review (and still holding the reviewer role)."""
    if review is None or getattr(review, "reviewer_id", None) is None:
        return False
    return review.reviewer_id == user.pk and is_reviewer(user, review)


@rules.predicate
def is_reviewer_of_a_review_of(user, notification=None) -> bool:
    if notification is None or not hasattr(notification, "reviews"):
        return False
    return any(is_commissioned_reviewer(user, r) for r in notification.reviews.all())


@rules.predicate
def leads_summary_agency(user, summary=None) -> bool:
    if summary is None or not hasattr(summary, "agency_id"):
        return False
    return leads_agency_in(user, summary.agency_id, partnership_ids_of(summary) or set())


@rules.predicate
def owns_recommendation(user, recommendation=None) -> bool:
    """The named owner, or the safeguarding lead of the owner agency."""
    if recommendation is None or not hasattr(recommendation, "owner_agency_id"):
        return False
    if recommendation.owner_person_id == user.pk:
        return True
    return leads_agency_in(
        user, recommendation.owner_agency_id, partnership_ids_of(recommendation) or set()
    )


@rules.predicate
def reviews_the_recommendation(user, recommendation=None) -> bool:
    """The reviewer commissioned to write the review the recommendation comes from."""
    review = getattr(recommendation, "review", None)
    return review is not None and is_commissioned_reviewer(user, review)


@rules.predicate
def made_referral(user, referral=None) -> bool:
    """The person who referred, or the safeguarding lead of the referring agency."""
    if referral is None or not hasattr(referral, "referring_agency_id"):
        return False
    if referral.referred_by_id == user.pk:
        return True
    return leads_agency_in(
        user, referral.referring_agency_id, partnership_ids_of(referral) or set()
    )


# Notifications and rapid reviews: partnership staff read; the business unit writes.
rules.add_perm("reviews.view_casework", is_partnership_staff)
rules.add_perm("reviews.view_notification", is_partnership_staff | is_reviewer_of_a_review_of)
rules.add_perm("reviews.add_notification", is_business_unit)
rules.add_perm("reviews.change_notification", is_business_unit)
rules.add_perm("reviews.view_rapid_review", is_partnership_staff)
rules.add_perm("reviews.change_rapid_review", is_business_unit)
rules.add_perm("reviews.change_settings", is_business_unit)

# Agency summaries: each agency lead sees and writes only their own agency's.
rules.add_perm("reviews.view_agency_summaries", is_partnership_staff | is_agency_lead)
rules.add_perm("reviews.view_agency_summary", is_partnership_staff | leads_summary_agency)
rules.add_perm("reviews.submit_agency_summary", is_business_unit | leads_summary_agency)

# Referrals for review: any agency lead or partnership staff refers; the referrer and their
# agency's lead follow it; the business unit and safeguarding partners decide.
rules.add_perm("reviews.add_referral", is_partnership_staff | is_agency_lead)
rules.add_perm("reviews.view_referrals", is_partnership_staff | is_agency_lead)
rules.add_perm("reviews.view_referral", is_partnership_staff | made_referral)
rules.add_perm("reviews.decide_referral", is_business_unit | is_safeguarding_partner)

# Reviews: partnership staff and the commissioned reviewer.
rules.add_perm("reviews.view_reviews", is_partnership_staff | is_reviewer)
rules.add_perm("reviews.view_review", is_partnership_staff | is_commissioned_reviewer)
rules.add_perm("reviews.view_commissioned_reviews", is_reviewer)
rules.add_perm("reviews.add_review", is_business_unit)
rules.add_perm("reviews.manage_review", is_business_unit)
rules.add_perm("reviews.edit_review_content", is_business_unit | is_commissioned_reviewer)
rules.add_perm("reviews.submit_draft", is_business_unit | is_commissioned_reviewer)

# Recommendations: owners update and give evidence; the partnership grades and closes.
rules.add_perm("reviews.view_recommendations", is_partnership_staff | is_agency_lead)
rules.add_perm(
    "reviews.view_recommendation",
    is_partnership_staff | owns_recommendation | reviews_the_recommendation,
)
rules.add_perm("reviews.add_recommendation", is_business_unit)
rules.add_perm("reviews.change_recommendation", is_business_unit)
rules.add_perm("reviews.update_recommendation", is_business_unit | owns_recommendation)
rules.add_perm("reviews.grade_evidence", is_business_unit | is_chair | is_safeguarding_partner)
rules.add_perm("reviews.close_recommendation", is_business_unit | is_chair)

# Learning products and figures.
rules.add_perm("reviews.manage_learning", is_business_unit)
rules.add_perm("reviews.view_figures", is_partnership_staff)
rules.add_perm("reviews.view_learning_dashboard", has_any_role)

# Documents on a review, rapid review or notification (checked against the record): as
# confidential as the record. The partnership's staff read them; the business unit uploads any
# kind; a commissioned reviewer reads their own review's and uploads drafts to it.
rules.add_perm("reviews.view_case_documents", is_partnership_staff | is_commissioned_reviewer)
rules.add_perm("reviews.upload_case_document", is_business_unit | is_commissioned_reviewer)
rules.add_perm("reviews.upload_any_case_document", is_business_unit)

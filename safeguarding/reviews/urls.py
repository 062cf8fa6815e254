from django.urls import path

from safeguarding.reviews.views import (
    author_briefings,
    documents,
    learning,
    notifications,
    recommendations,
    referrals,
    reviews,
)

app_name = "reviews"

urlpatterns = [
    path("reviews/", reviews.home, name="home"),
    # Documents on reviews, rapid reviews and notifications
    path(
        "reviews/documents/review/<int:pk>/",
        documents.review_documents,
        name="review-documents",
    ),
    path(
        "reviews/documents/rapid-review/<int:pk>/",
        documents.rapid_review_documents,
        name="rapid-review-documents",
    ),
    path(
        "reviews/documents/notification/<int:pk>/",
        documents.notification_documents,
        name="notification-documents",
    ),
    path("reviews/documents/<int:pk>/", documents.document_detail, name="document-detail"),
    path(
        "reviews/documents/<int:pk>/versions/<int:number>/",
        documents.document_download,
        name="document-download",
    ),
    # Notifications
    path("reviews/notifications/", notifications.notification_list, name="notification-list"),
    path("reviews/notifications/new/", notifications.notification_new, name="notification-new"),
    path(
        "reviews/notifications/<int:pk>/",
        notifications.notification_detail,
        name="notification-detail",
    ),
    path(
        "reviews/notifications/<int:pk>/edit/",
        notifications.notification_edit,
        name="notification-edit",
    ),
    path(
        "reviews/notifications/<int:pk>/late-reason/",
        notifications.notification_reason,
        name="notification-reason",
    ),
    path(
        "reviews/notifications/<int:pk>/rapid-review/",
        notifications.rapid_review_start,
        name="rapid-review-start",
    ),
    # Referrals for review
    path("reviews/referrals/", referrals.referral_list, name="referral-list"),
    path("reviews/referrals/new/", referrals.referral_new, name="referral-new"),
    path("reviews/referrals/<int:pk>/", referrals.referral_detail, name="referral-detail"),
    path(
        "reviews/referrals/<int:pk>/consider/",
        referrals.referral_consider,
        name="referral-consider",
    ),
    path("reviews/referrals/<int:pk>/decide/", referrals.referral_decide, name="referral-decide"),
    # Rapid reviews and agency summaries
    path("reviews/rapid-reviews/", notifications.rapid_review_list, name="rapid-review-list"),
    path(
        "reviews/rapid-reviews/<int:pk>/",
        notifications.rapid_review_detail,
        name="rapid-review-detail",
    ),
    path(
        "reviews/rapid-reviews/<int:pk>/summaries/request/",
        notifications.summary_request,
        name="summary-request",
    ),
    path(
        "reviews/rapid-reviews/<int:pk>/<slug:step>/",
        notifications.rapid_review_step,
        name="rapid-review-step",
    ),
    path("reviews/agency-summaries/", notifications.summary_list, name="summary-list"),
    path(
        "reviews/agency-summaries/<int:pk>/",
        notifications.summary_detail,
        name="summary-detail",
    ),
    path("reviews/settings/<slug:slug>/", notifications.review_settings, name="settings"),
    # Reviews
    path("reviews/all/", reviews.review_list, name="review-list"),
    path("reviews/new/", reviews.review_new, name="review-new"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review-detail"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="review-edit"),
    path("reviews/<int:pk>/step/<slug:action>/", reviews.review_move, name="review-move"),
    path("reviews/<int:pk>/delay-reason/", reviews.review_delay_reason, name="review-delay-reason"),
    path(
        "reviews/<int:pk>/practitioner-events/new/",
        reviews.practitioner_event_new,
        name="practitioner-event-new",
    ),
    # Recommendations
    path(
        "reviews/<int:pk>/recommendations/new/",
        recommendations.recommendation_new,
        name="recommendation-new",
    ),
    path(
        "reviews/recommendations/",
        recommendations.recommendation_list,
        name="recommendation-list",
    ),
    path(
        "reviews/recommendations/by/<slug:by>/",
        recommendations.recommendation_groups,
        name="recommendation-groups",
    ),
    path(
        "reviews/recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "reviews/recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "reviews/recommendations/<int:pk>/update/",
        recommendations.recommendation_update,
        name="recommendation-update",
    ),
    path(
        "reviews/recommendations/<int:pk>/evidence/",
        recommendations.evidence_new,
        name="evidence-new",
    ),
    path(
        "reviews/recommendations/<int:pk>/close/",
        recommendations.recommendation_close,
        name="recommendation-close",
    ),
    path(
        "reviews/evidence/<int:pk>/grade/",
        recommendations.evidence_grade,
        name="evidence-grade",
    ),
    path(
        "reviews/evidence/files/<int:pk>/",
        recommendations.evidence_file,
        name="evidence-file",
    ),
    # Learning products
    path("reviews/<int:pk>/briefing/", learning.briefing_edit, name="briefing-edit"),
    path(
        "reviews/<int:pk>/briefing.<slug:fmt>",
        learning.briefing_download,
        name="briefing-download",
    ),
    path(
        "reviews/<int:pk>/author-briefings/new/",
        learning.author_briefing_new,
        name="author-briefing-new",
    ),
    path(
        "reviews/<int:pk>/author-briefings/plan/",
        author_briefings.author_briefing_plan,
        name="author-briefing-plan",
    ),
    path(
        "reviews/author-briefings/<int:pk>/",
        author_briefings.author_briefing_detail,
        name="author-briefing-detail",
    ),
    path(
        "reviews/author-briefings/<int:pk>/link/",
        author_briefings.author_briefing_link,
        name="author-briefing-link",
    ),
    path("reviews/<int:pk>/links/new/", learning.learning_link_new, name="learning-link-new"),
    path("reviews/figures/", learning.figures, name="figures"),
    # The public learning library
    path("learning/", learning.library, name="library"),
    path("learning/<int:pk>/", learning.library_review, name="library-review"),
    path(
        "learning/<int:pk>/briefing.<slug:fmt>",
        learning.library_briefing,
        name="library-briefing",
    ),
]

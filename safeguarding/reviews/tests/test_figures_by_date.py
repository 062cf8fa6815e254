"""The yearly report's review figures count each recommendation, grade and closure by the
date it belongs to (made, graded, closed), never the day it was typed in (issue 16)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from safeguarding.reviews import services
from safeguarding.reviews.selectors import figures_for_period
from safeguarding.reviews.tests.factories import RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded_and_closed(partnership, bu):
    """A review published in 2022 whose recommendation is recorded today (1 June 2023), and
    whose evidence was graded and the recommendation closed at the panel of 10 March 2023."""
    review = ReviewFactory(
        partnership=partnership,
        status="published",
        decided_on=date(2021, 5, 1),
        published_on=date(2022, 1, 20),
    )
    recommendation = RecommendationFactory(review=review, made_on=date(2022, 1, 20))
    evidence = services.impact_evidence_submit(
        actor=recommendation.owner_person,
        recommendation=recommendation,
        description="A re-audit found the protocol followed in 19 of 20 cases.",
    )
    services.impact_evidence_grade(
        actor=bu, evidence=evidence, grade="strong", graded_on=date(2023, 3, 10)
    )
    recommendation.refresh_from_db()
    services.recommendation_close(
        actor=bu,
        recommendation=recommendation,
        version=recommendation.version,
        closed_on=date(2023, 3, 10),
    )
    return recommendation


def test_recorded_later_counts_in_the_period_it_belongs_to(graded_and_closed, partnership, bu):
    old = figures_for_period(
        user=bu, partnership=partnership, start=date(2021, 10, 1), end=date(2023, 3, 31)
    )
    assert old.recommendations_made == 1
    assert old.recommendations_closed == 1
    assert old.grades == {"strong": 1}
    now = figures_for_period(
        user=bu, partnership=partnership, start=date(2023, 4, 1), end=date(2024, 3, 31)
    )
    assert (now.recommendations_made, now.recommendations_closed, now.grades) == (0, 0, {})


def test_a_closure_cannot_be_dated_before_its_grade_or_in_the_future(partnership, bu):
    review = ReviewFactory(
        partnership=partnership, status="published", published_on=date(2023, 4, 20)
    )
    recommendation = RecommendationFactory(review=review, made_on=date(2023, 4, 20))
    evidence = services.impact_evidence_submit(
        actor=recommendation.owner_person, recommendation=recommendation, description="Re-audit."
    )
    with pytest.raises(ValidationError) as error:
        services.impact_evidence_grade(
            actor=bu, evidence=evidence, grade="some", graded_on=date(2023, 4, 1)
        )
    assert "before the recommendation was made" in str(error.value)
    services.impact_evidence_grade(
        actor=bu, evidence=evidence, grade="some", graded_on=date(2023, 5, 2)
    )
    recommendation.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.recommendation_close(
            actor=bu,
            recommendation=recommendation,
            version=recommendation.version,
            closed_on=date(2023, 5, 1),
        )
    assert "before the evidence it closes on was graded" in str(error.value)
    with pytest.raises(ValidationError):
        services.recommendation_close(
            actor=bu,
            recommendation=recommendation,
            version=recommendation.version,
            closed_on=date(2023, 6, 2),
        )
    recommendation.refresh_from_db()
    assert recommendation.status == "open"

"""Searching: what each person finds, abbreviations, bad input and the index kept current."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.search.models import SearchDocument
from safeguarding.search.selectors.search import search


def titles(outcome):
    return {result.title for result in outcome.results}


@pytest.mark.django_db
def test_bruising_babies_finds_the_briefing_the_review_and_the_course(corpus, client):
    response = client.get(reverse("search:search"), {"q": "bruising babies"})
    assert response.status_code == 200
    found = titles(response.context["outcome"])
    assert "Child Q: bruising in a non-mobile baby" in found
    assert "7-minute briefing: bruising in babies" in found
    assert "Bruising in non-mobile babies" in found
    # Nothing confidential is shown to the public.
    assert "Child T: confidential bruising review" not in found
    assert "Child V: another partnership's bruising review" not in found
    assert b"<mark>" in response.content


@pytest.mark.django_db
def test_staff_find_what_their_pages_show_them_and_never_another_partnerships(corpus, make_user):
    bu = make_user(Role.BUSINESS_UNIT)
    found = titles(search(user=bu, text="bruising"))
    assert "Child T: confidential bruising review" in found
    assert "Child V: another partnership's bruising review" not in found
    practitioner = make_user(Role.PRACTITIONER)
    assert "Child T: confidential bruising review" not in titles(
        search(user=practitioner, text="bruising")
    )


@pytest.mark.django_db
def test_an_abbreviation_finds_the_words_it_stands_for(corpus, make_user):
    bu = make_user(Role.BUSINESS_UNIT)
    outcome = search(user=bu, text="NAI")
    assert f"Notification {corpus['notification'].reference}" in titles(outcome)
    assert "non-accidental injury" in outcome.expansions["NAI"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Enter what you are looking for"),
        ("   ", "Enter what you are looking for"),
        ("bruising " * 40, "Shorten it to 200 characters"),
        ("*** ((( ", "no letters or numbers"),
        ("-bruising", "not only words to leave out"),
    ],
)
def test_bad_queries_get_a_clear_message_not_an_error(client, corpus, query, message):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ['"bruising babies', "bruising OR", "OR bruising", 'NEAR(" bruise', "bruis* AND NOT"]
)
def test_unbalanced_quotes_and_operators_still_search(client, corpus, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    assert response.context["outcome"].error == ""


@pytest.mark.django_db
def test_a_phrase_and_a_left_out_word(corpus):
    found = titles(search(user=None, text='"who cannot crawl"'))
    assert found == {"Child Q: bruising in a non-mobile baby"}
    found = titles(search(user=None, text="bruising -briefing"))
    assert "7-minute briefing: bruising in babies" not in found
    assert "Bruising in non-mobile babies" in found


@pytest.mark.django_db
def test_facets_filter_by_type_theme_and_year(corpus, client, nai):
    outcome = search(user=None, text="bruising", kinds=["training.course"])
    assert titles(outcome) == {"Bruising in non-mobile babies"}
    outcome = search(user=None, text="baby")
    kinds = {facet.value: facet.count for facet in outcome.facets["type"]}
    assert kinds["reviews.review"] == 1
    assert kinds["governance.keymessage"] == 1
    outcome = search(user=None, text="baby", theme=nai.slug)
    assert "Safer sleep for every baby" not in titles(outcome)
    outcome = search(user=None, text="baby", year=2024)
    assert "Child Q: bruising in a non-mobile baby" in titles(outcome)
    response = client.get(reverse("search:search"), {"q": "baby", "type": "training.course"})
    assert [r.kind for r in response.context["outcome"].results] == ["training.course"]


@pytest.mark.django_db
def test_the_index_follows_changes_and_deletions(corpus):
    course = corpus["course"]
    course.title = "Responding to injuries in infants"
    course.save()
    assert "Responding to injuries in infants" in titles(search(user=None, text="infants"))
    course.is_published = False
    course.save()
    assert not search(user=None, text="infants").results
    corpus["draft"].delete()
    assert not SearchDocument.objects.filter(
        kind="reviews.review", object_id=corpus["draft"].pk
    ).exists()


@pytest.mark.django_db
def test_reindex_rebuilds_the_index_from_the_records(corpus, capsys):
    SearchDocument.objects.all().delete()
    assert not search(user=None, text="bruising").results
    call_command("reindex")
    assert "Bruising in non-mobile babies" in titles(search(user=None, text="bruising"))
    assert "rows" in capsys.readouterr().out


@pytest.mark.django_db
def test_relevance_puts_title_matches_first_and_date_order_is_newest_first(corpus):
    outcome = search(user=None, text="bruising", order="relevance")
    assert "bruising" in outcome.results[0].title.lower()
    dated = [r.date for r in search(user=None, text="baby", order="date").results if r.date]
    assert dated == sorted(dated, reverse=True)


@pytest.mark.django_db
def test_the_search_page_query_count_does_not_grow_with_results(client, corpus, partnership):
    from safeguarding.training.tests.factories import CourseFactory

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("search:search"), {"q": "bruising"})
        return len(queries)

    before = count()
    for n in range(8):
        CourseFactory(partnership=partnership, title=f"Bruising course {n}")
    assert count() == before


@pytest.mark.django_db
def test_pagination(corpus, partnership):
    from safeguarding.training.tests.factories import CourseFactory

    for n in range(25):
        CourseFactory(partnership=partnership, title=f"Neglect course {n}")
    first = search(user=None, text="neglect")
    assert first.total == 25 and len(first.results) == 20
    second = search(user=None, text="neglect", page=2)
    assert len(second.results) == 5


@pytest.mark.django_db
def test_the_api_answers_as_the_page_does(client, corpus, make_user):
    response = client.get("/api/v1/search/", {"q": "bruising babies", "type": "reviews.review"})
    assert response.status_code == 200
    body = response.json()
    assert [r["title"] for r in body["results"]] == ["Child Q: bruising in a non-mobile baby"]
    result = body["results"][0]
    assert set(result) >= {"title", "type", "url", "snippet", "themes", "date"}
    assert result["themes"] == [corpus["published"].themes.get().slug]
    assert client.get("/api/v1/search/", {"q": ""}).json()["q"][0].startswith("Enter")
    client.force_login(make_user(Role.BUSINESS_UNIT))
    titles_seen = [
        r["title"] for r in client.get("/api/v1/search/", {"q": "bruising"}).json()["results"]
    ]
    assert "Child T: confidential bruising review" in titles_seen
    assert "Child V: another partnership's bruising review" not in titles_seen


@pytest.mark.django_db
def test_facet_counts_are_exact_for_each_type_theme_year_and_partnership(corpus, nai, partnership):
    from safeguarding.training.tests.factories import CourseFactory

    for n in range(3):
        CourseFactory(partnership=partnership, title=f"Bruising refresher {n}").themes.add(nai)
    CourseFactory(partnership=partnership, title="Bruising without a theme")
    outcome = search(user=None, text="bruising")
    shown = {r.title for r in outcome.results}
    assert outcome.total == len(shown) == 7
    facets = {name: {f.value: f.count for f in found} for name, found in outcome.facets.items()}
    assert facets["type"] == {"training.course": 5, "reviews.review": 1, "reviews.briefing": 1}
    # The review, its briefing (which takes the review's themes) and four courses.
    assert facets["theme"] == {nai.slug: 6}
    assert facets["partnership"] == {str(partnership.pk): 7}
    assert sum(facets["year"].values()) == 7
    assert [f.label for f in outcome.facets["partnership"]] == [partnership.name]
    assert [f.count for f in outcome.facets["type"]] == [5, 1, 1]
    # A facet narrows the results to exactly the number it showed.
    narrowed = search(user=None, text="bruising", theme=nai.slug)
    assert narrowed.total == 6
    assert {f.value: f.selected for f in narrowed.facets["theme"]} == {nai.slug: True}
    assert not search(user=None, text="bruising", theme="no-such-theme").results


@pytest.mark.django_db
def test_a_search_that_finds_nothing_has_no_facets_and_no_page_of_results(corpus):
    outcome = search(user=None, text="xylophone")
    assert outcome.total == 0 and outcome.results == [] and outcome.facets == {}
    assert outcome.page is not None and not outcome.page.has_next()


@pytest.mark.django_db
def test_staff_search_with_a_theme_filter_costs_the_same_queries_with_more_results(
    client, corpus, partnership, make_user, nai
):
    from safeguarding.reviews.tests.factories import ReviewFactory

    client.force_login(make_user(Role.BUSINESS_UNIT))

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("search:search"), {"q": "bruising", "theme": nai.slug, "order": "date"}
            )
        assert response.status_code == 200
        return len(queries), response.context["outcome"].total

    before, found = count()
    for n in range(6):
        ReviewFactory(partnership=partnership, title=f"Child {n}: bruising").themes.add(nai)
    after, found_after = count()
    assert found_after == found + 6
    assert after == before


@pytest.mark.django_db
def test_the_partnership_facet_lists_the_ten_with_most_results(client):
    """At national scale a common word matches every partnership's records: the facet lists
    the ten partnerships with most results (most first), and says so."""
    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.search.selectors.search import PARTNERSHIP_FACETS
    from safeguarding.training.tests.factories import CourseFactory

    made = []
    for n in range(PARTNERSHIP_FACETS + 2):
        place = PartnershipFactory(slug=f"area-{n:02d}", name=f"Area {n:02d} Partnership")
        for k in range(1 + n % 4):
            CourseFactory(partnership=place, title=f"Neglect essentials {n}-{k}")
        made.append((place, 1 + n % 4))
    response = client.get(reverse("search:search"), {"q": "neglect"})
    outcome = response.context["outcome"]
    assert outcome.total == sum(count for _place, count in made)
    listed = [(f.label, f.count) for f in outcome.facets["partnership"]]
    expected = sorted(((p.name, c) for p, c in made), key=lambda r: (-r[1], r[0]))
    assert listed == expected[:PARTNERSHIP_FACETS]
    assert outcome.more_partnerships
    assert "Partnerships with most results" in response.content.decode()

    # Narrowed to one partnership, the facet shows that one alone, under its usual heading.
    left_out = expected[-1][0]
    place = next(p for p, _c in made if p.name == left_out)
    response = client.get(reverse("search:search"), {"q": "neglect", "partnership": place.pk})
    outcome = response.context["outcome"]
    assert [(f.label, f.selected) for f in outcome.facets["partnership"]] == [(left_out, True)]
    assert not outcome.more_partnerships
    assert "Partnerships with most results" not in response.content.decode()

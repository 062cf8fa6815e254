"""Theme suggestions: the command, the reasons, and the hint on the forms where text is written."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from safeguarding.core.roles import Role
from safeguarding.planning.suggestions import suggest_themes
from safeguarding.search.services.suggestions import evaluate


@pytest.mark.django_db
def test_suggestions_give_the_words_that_matched(db):
    found = {
        s.name: s.because
        for s in suggest_themes("Baby found after co-sleeping; the bruising protocol was missed.")
    }
    assert "Co-sleeping" in str(found["SUDI and safer sleep"]) or "co-sleeping" in str(
        found["SUDI and safer sleep"]
    )
    assert found["Bruising in non-mobile babies"] == ["bruising protocol"]


@pytest.mark.django_db
def test_abbreviations_only_count_in_capitals(db):
    assert "Domestic abuse" in {s.name for s in suggest_themes("A DA notification from police.")}
    assert "Domestic abuse" not in {s.name for s in suggest_themes("Da da da, said the baby.")}


@pytest.mark.django_db
def test_the_command_prints_json(tmp_path, partnership, capsys):
    text = tmp_path / "note.txt"
    text.write_text("The MARAC heard about coercive control twice.", encoding="utf-8")
    call_command("suggest-themes", str(text), "--partnership", partnership.slug, "--json")
    result = json.loads(capsys.readouterr().out)
    slugs = [t["slug"] for t in result["themes"]]
    assert "domestic-abuse" in slugs or "domestic_abuse" in slugs
    theme = result["themes"][0]
    assert set(theme) == {"slug", "score", "because"} and theme["because"]


@pytest.mark.django_db
def test_the_command_refuses_unknown_partnerships_and_missing_files(tmp_path, partnership):
    with pytest.raises(CommandError, match="No partnership"):
        call_command("suggest-themes", str(tmp_path), "--partnership", "nowhere")
    with pytest.raises(CommandError, match="is not a file"):
        call_command("suggest-themes", str(tmp_path / "x.txt"), "--partnership", partnership.slug)


@pytest.mark.django_db
def test_the_rules_are_measured_on_the_labelled_set(db):
    result = evaluate()
    assert result["texts"] >= 40
    # The figures reported in docs/theme-suggestions.md; a change to the rules shows here.
    assert result["precision"] >= 0.85
    assert result["recall"] >= 0.65


@pytest.mark.django_db
def test_the_key_message_form_suggests_themes_without_saving(client, make_user, partnership):
    from safeguarding.governance.models import KeyMessage

    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        reverse("governance:key-message-new"),
        {
            "partnership": partnership.pk,
            "title": "Safer sleep",
            "body": "Talk about co-sleeping and safer sleep at every visit.",
            "suggest-themes": "1",
        },
    )
    assert response.status_code == 200
    assert not KeyMessage.objects.exists()
    html = response.content.decode()
    assert "Suggested themes" in html
    assert "SUDI and safer sleep" in html and "because the text mentions" in html


@pytest.mark.django_db
def test_the_notification_form_suggests_themes(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    response = client.post(
        reverse("reviews:notification-new"),
        {"outline": "The baby had unexplained fractures.", "suggest-themes": "1"},
    )
    assert response.status_code == 200
    assert "Non-accidental injury" in response.content.decode()
    from safeguarding.reviews.models import Notification

    assert not Notification.objects.exists()

"""The default practice-theme vocabulary: the data file, the load-practice-themes command,
the data migration that loads it, and synonyms and national themes on the theme pages."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safeguarding.core.models import AuditEvent
from safeguarding.core.roles import Role
from safeguarding.governance.services import plans as plan_services
from safeguarding.planning import vocabulary
from safeguarding.planning.models import Theme
from safeguarding.planning.themes import NATIONAL_THEME_NAMES, STARTING_THEMES

pytestmark = pytest.mark.django_db

REQUIRED_SLUGS = """abusive_head_trauma adult_needs adultification bruising_non_mobile care_leavers
child_mental_health children_missing_education consent_appropriate_adult county_lines
criminal_exploitation cross_boundary_information cross_boundary_moves domestic_abuse drift
early_help education_setting escalation_challenge family_history family_support fathers_men
front_door_referral harmful_sexual_behaviour housing information_sharing language_culture
leadership lived_experience looked_after_children mappa_marac missed_health_appointments
neglect non_engagement nrpf_poverty online_harm parental_mental_health
parental_substance_misuse physical_abuse physical_abuse_nai police_practice
pre_birth_assessment procedures_not_used professional_curiosity race_ethnicity recording
repeat_referrals school_absence school_exclusion serious_youth_violence sexual_abuse_historic
sexual_abuse_intrafamilial sibling_sexual_abuse sudi_safer_sleep suicide thresholds
training_evaluation transitions trauma_informed voice_of_child wider_family_concerns
workforce_wellbeing""".split()


def run(*args) -> dict:
    out = StringIO()
    call_command("load-practice-themes", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def theme_for(slug: str) -> Theme:
    entry = next(e for e in vocabulary.vocabulary() if e["slug"] == slug)
    theme = vocabulary.find_theme(Theme, entry)
    assert theme is not None, slug
    return theme


def test_the_data_file_has_every_slug_with_a_name_description_synonyms_and_national_theme():
    entries = {entry["slug"]: entry for entry in vocabulary.vocabulary()}
    assert set(REQUIRED_SLUGS) <= set(entries)
    assert len(entries) >= 60
    for entry in entries.values():
        assert vocabulary.entry_errors(entry) == []
        assert entry["synonyms"], entry["slug"]
        assert entry["description"].rstrip().endswith("."), entry["slug"]
    all_synonyms = {s for entry in entries.values() for s in entry["synonyms"]}
    for abbreviation in "CSE CCE NAI SUDI DSL LADO MASH MARAC MAPPA NRPF EHE".split():
        assert abbreviation in all_synonyms
    assert len({entry["name"].lower() for entry in entries.values()}) == len(entries)


def test_the_command_loads_every_slug_into_an_empty_taxonomy_and_running_again_changes_nothing():
    Theme.objects.all().delete()
    result = run()
    count = len(vocabulary.vocabulary())
    assert result == {"created": count, "updated": 0, "skipped": 0, "errors": []}
    assert set(REQUIRED_SLUGS) <= set(Theme.objects.values_list("slug", flat=True))
    county = Theme.objects.get(slug="county_lines")
    assert county.name == "County lines" and "Cuckooing" in county.synonym_list
    assert county.national_themes == ["risks_outside_family"]
    before = list(Theme.objects.order_by("pk").values())
    assert run() == {"created": 0, "updated": 0, "skipped": count, "errors": []}
    assert list(Theme.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.filter(event="planning.theme.created").count() == count


def test_the_migration_loaded_the_vocabulary_reusing_the_starting_themes():
    # The test database was built by the migrations: nothing is left for the command to do.
    count = len(vocabulary.vocabulary())
    assert run() == {"created": 0, "updated": 0, "skipped": count, "errors": []}
    assert Theme.objects.count() == count  # each starting theme was reused, none duplicated
    for name, _ in STARTING_THEMES:
        assert Theme.objects.get(name=name).national_themes, name
    neglect = Theme.objects.get(slug="neglect")
    assert neglect.name == "Neglect" and "Graded care profile" in neglect.synonym_list
    sudi = theme_for("sudi_safer_sleep")
    assert (sudi.slug, sudi.name) == ("sudi-and-safer-sleep", "SUDI and safer sleep")
    assert sudi.description == "Sudden unexpected death in infancy"  # the starting one stays
    assert "SUDI" in sudi.synonym_list and sudi.national_themes == ["babies"]
    assert theme_for("domestic_abuse").slug == "domestic-abuse"
    assert Theme.objects.filter(name__iexact="domestic abuse").count() == 1


def test_every_theme_maps_to_at_least_one_known_national_theme():
    for theme in Theme.objects.all():
        assert theme.national_themes, theme.name
        assert set(theme.national_themes) <= set(NATIONAL_THEME_NAMES), theme.name
    mapped = {key for theme in Theme.objects.all() for key in theme.national_themes}
    assert mapped == set(NATIONAL_THEME_NAMES)  # every national theme has practice themes


def test_a_business_units_edits_survive_a_reload(make_user):
    unit = make_user(Role.BUSINESS_UNIT)
    county = theme_for("county_lines")
    plan_services.theme_update(
        actor=unit,
        theme=county,
        name="County lines and drug running",
        description="Our own description.",
        synonyms="Drug running",
        national_themes=["risks_outside_family", "children_not_in_school"],
    )
    neglect = theme_for("neglect")
    neglect.synonyms, neglect.national_themes = "", []
    neglect.save()
    result = run()
    assert (result["created"], result["updated"]) == (0, 1)  # only the emptied one is filled
    county.refresh_from_db()
    assert county.name == "County lines and drug running"
    assert county.description == "Our own description."
    assert county.synonyms == "Drug running"
    assert county.national_themes == ["risks_outside_family", "children_not_in_school"]
    assert theme_for("county_lines").pk == county.pk  # found by its slug, not duplicated
    neglect.refresh_from_db()
    assert neglect.name == "Neglect" and "Chronic neglect" in neglect.synonym_list


def test_dry_run_reports_without_writing():
    Theme.objects.filter(slug__in=["housing", "drift"]).delete()
    Theme.objects.filter(slug="neglect").update(synonyms="")
    assert run("--dry-run") == {
        "created": 2,
        "updated": 1,
        "skipped": len(vocabulary.vocabulary()) - 3,
        "errors": [],
    }
    assert not Theme.objects.filter(slug__in=["housing", "drift"]).exists()
    assert Theme.objects.get(slug="neglect").synonyms == ""
    out = StringIO()
    call_command("load-practice-themes", "--dry-run", stdout=out)
    assert "Would have: 2 created, 1 updated" in out.getvalue()


def test_a_broken_data_file_loads_nothing_and_says_what_is_wrong(tmp_path, monkeypatch):
    data = json.loads(vocabulary.DATA_FILE.read_text(encoding="utf-8"))
    data["themes"][0]["national_themes"] = ["babies", "unicorns"]
    data["themes"][1]["name"] = ""
    broken = tmp_path / "practice_themes.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(vocabulary, "DATA_FILE", broken)
    Theme.objects.filter(slug="housing").delete()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load-practice-themes", stdout=out, stderr=err)
    assert "unknown national theme unicorns" in err.getvalue()
    assert "adult_needs: the name is missing" in err.getvalue()
    assert not Theme.objects.filter(slug="housing").exists()


def test_the_edit_page_shows_and_saves_synonyms_and_national_themes(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    theme = theme_for("criminal_exploitation")
    page = client.get(f"/governance/themes/{theme.pk}/edit/").content.decode()
    assert "CSE" in page and "Risks outside the family" in page
    response = client.post(
        f"/governance/themes/{theme.pk}/edit/",
        {
            "name": theme.name,
            "description": theme.description,
            "synonyms": "CSE\n  CCE \n\ncse\nTrafficking",
            "national_themes": ["risks_outside_family", "children_not_in_school"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.synonyms == "CSE\nCCE\nTrafficking"
    assert theme.national_themes == ["risks_outside_family", "children_not_in_school"]
    event = AuditEvent.objects.filter(event="planning.theme.updated").latest("pk")
    assert event.after["synonyms"] == "CSE\nCCE\nTrafficking"
    page = client.get("/governance/themes/").content.decode()
    assert "Also: CSE, CCE, Trafficking" in page
    assert "Risks outside the family; Children not in school" in page


def test_the_edit_page_refuses_an_unknown_national_theme(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    theme = theme_for("housing")
    response = client.post(
        f"/governance/themes/{theme.pk}/edit/",
        {"name": theme.name, "synonyms": "TA", "national_themes": ["unicorns"], "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    theme.refresh_from_db()
    assert theme.synonyms != "TA"


def test_a_new_theme_can_have_synonyms_and_national_themes(client, make_user):
    client.force_login(make_user(Role.BUSINESS_UNIT))
    client.post(
        "/governance/themes/new/",
        {
            "name": "Female genital mutilation",
            "synonyms": "FGM",
            "national_themes": ["race_ethnicity_culture"],
        },
    )
    theme = Theme.objects.get(name="Female genital mutilation")
    assert theme.synonym_list == ["FGM"] and theme.national_themes == ["race_ethnicity_culture"]


def test_the_migration_adds_the_child_death_panel_themes_to_an_older_taxonomy():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "safeguarding.planning.migrations.0006_neonatal_and_life_limiting_themes"
    )
    # A platform loaded before the two themes were shipped; the business unit had already
    # made its own "Life-limiting conditions" theme, and cleared another theme's synonyms.
    Theme.objects.filter(slug__in=["neonatal_deaths", "life_limiting_conditions"]).delete()
    own = Theme.objects.create(name="Life-limiting conditions", slug="life-limiting")
    Theme.objects.filter(slug="neglect").update(synonyms="")
    migration.add_themes(apps, None)
    neonatal = Theme.objects.get(slug="neonatal_deaths")
    assert neonatal.name == "Neonatal deaths" and neonatal.national_themes == ["babies"]
    assert "Perinatal death" in neonatal.synonym_list
    assert list(Theme.objects.filter(name__iexact="life-limiting conditions")) == [own]
    own.refresh_from_db()
    assert own.synonyms == "" and own.slug == "life-limiting"  # theirs is left as it is
    assert Theme.objects.get(slug="neglect").synonyms == ""  # no other theme is touched
    count = Theme.objects.count()
    migration.add_themes(apps, None)  # running again adds nothing
    assert Theme.objects.count() == count

"""Add the two practice themes the child death overview panel's themed meetings need,
"Neonatal deaths" and "Life-limiting conditions" (ADR 0041), to a platform whose vocabulary
was loaded before they were shipped. Only these two: a theme already there (by slug, or a
theme the business unit made with the same name) is left as it is, and no other theme is
touched."""

from django.db import migrations

SLUGS = ("neonatal_deaths", "life_limiting_conditions")


def add_themes(apps, schema_editor):
    from safeguarding.planning.vocabulary import find_theme, vocabulary

    Theme = apps.get_model("planning", "Theme")
    for entry in vocabulary():
        if entry["slug"] not in SLUGS or find_theme(Theme, entry) is not None:
            continue
        Theme.objects.create(
            slug=entry["slug"],
            name=entry["name"],
            description=entry["description"],
            synonyms="\n".join(entry.get("synonyms", [])),
            national_themes=list(entry["national_themes"]),
        )


class Migration(migrations.Migration):
    dependencies = [("planning", "0005_theme_slugs_clear_of_fixed_pages")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]

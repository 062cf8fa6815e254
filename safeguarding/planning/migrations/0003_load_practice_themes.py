from django.db import migrations


def load(apps, schema_editor):
    from safeguarding.planning.vocabulary import load_practice_themes

    result = load_practice_themes(apps.get_model("planning", "Theme"))
    if result["errors"]:
        raise RuntimeError("; ".join(result["errors"]))


class Migration(migrations.Migration):
    # After the starting themes, so that the vocabulary reuses them instead of duplicating.
    dependencies = [
        ("planning", "0002_theme_synonyms_national_themes"),
        ("governance", "0002_starting_themes"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

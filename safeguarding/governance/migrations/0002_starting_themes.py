from django.db import migrations
from django.utils.text import slugify


def add_themes(apps, schema_editor):
    from safeguarding.planning.themes import STARTING_THEMES

    Theme = apps.get_model("governance", "Theme")
    for name, description in STARTING_THEMES:
        Theme.objects.get_or_create(slug=slugify(name),
                                    defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]

"""A theme whose slug is a fixed page under /themes/ ("merge", "suggestions") could never be
reached: give it the slug "<slug>-theme" (its name stays). Migrations do not read the URL
configuration, so the two fixed pages there were when this was written are listed here."""

from django.db import migrations

FIXED_PAGES = ["merge", "suggestions"]


def move_slugs(apps, schema_editor):
    Theme = apps.get_model("planning", "Theme")
    for theme in Theme.objects.filter(slug__in=FIXED_PAGES):
        base = f"{theme.slug}-theme"
        slug, number = base, 1
        while Theme.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        Theme.objects.filter(pk=theme.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("planning", "0004_theme_parent")]

    operations = [migrations.RunPython(move_slugs, migrations.RunPython.noop)]

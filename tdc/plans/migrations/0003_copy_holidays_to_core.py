"""Holidays now live in one table (core.Holiday) shared by every deadline counted in working days."""

from django.db import migrations


def copy_to_core(apps, schema_editor):
    old = apps.get_model("plans", "Holiday")
    new = apps.get_model("core", "Holiday")
    for holiday in old.objects.all():
        new.objects.get_or_create(date=holiday.date, defaults={"name": holiday.name})


def copy_back(apps, schema_editor):
    old = apps.get_model("plans", "Holiday")
    new = apps.get_model("core", "Holiday")
    for holiday in new.objects.all():
        old.objects.get_or_create(date=holiday.date, defaults={"name": holiday.name[:100]})


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_execution"), ("core", "0003_holiday")]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
    ]

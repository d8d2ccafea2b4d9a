"""The TĐC product categories and their TCVN/QCVN criteria, from data/categories.json."""

import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "categories.json"


def load(apps, schema_editor):
    Category = apps.get_model("surveillance", "ProductCategory")
    Criterion = apps.get_model("surveillance", "Criterion")
    for row in json.loads(DATA.read_text(encoding="utf-8")):
        category, _created = Category.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "hs_prefix": row["hs_prefix"],
                "severity_weight": Decimal(row["severity_weight"]),
                "exposure": Decimal(row["exposure"]),
            },
        )
        for criterion in row["criteria"]:
            Criterion.objects.update_or_create(
                category=category,
                standard=criterion["standard"],
                name=criterion["name"],
                defaults={
                    "unit": criterion["unit"],
                    "limit_min": Decimal(criterion["limit_min"]) if "limit_min" in criterion else None,
                    "limit_max": Decimal(criterion["limit_max"]) if "limit_max" in criterion else None,
                    "method": criterion.get("method", ""),
                },
            )


class Migration(migrations.Migration):
    dependencies = [("surveillance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

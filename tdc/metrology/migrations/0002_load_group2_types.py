"""Load the Group 2 list (tdc/metrology/data/group2-instruments.csv) as the first version of
each type. The list is data: administrators edit it afterwards, and each edit is a new version.
"""

import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "group2-instruments.csv"
# Circular 03/2024/TT-BKHCN, amending the annex of Circular 23/2013, is in force from this day.
VALID_FROM = dt.date(2024, 10, 15)


def _fold(text):
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")[:80]


def load_types(apps, schema_editor):
    InstrumentType = apps.get_model("metrology", "InstrumentType")
    InstrumentTypeVersion = apps.get_model("metrology", "InstrumentTypeVersion")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = unicodedata.normalize("NFC", row["name_vi"].strip())
            cycle = (row.get("verification_cycle_months") or "").strip()
            approval = (row.get("type_approval") or "").strip().lower()
            values = {
                "name": name,
                "name_en": (row.get("name_en") or "").strip(),
                "cycle_months": int(cycle) if cycle else None,
                "forms": (row.get("forms") or "").strip(),
                "type_approval": {"yes": True, "no": False}.get(approval),
                "basis": (row.get("basis") or "").strip(),
                "source_url": (row.get("source_url") or "").strip(),
                "valid_from": VALID_FROM,
            }
            kind, created = InstrumentType.objects.get_or_create(
                code=_slug(name), defaults={**values, "search_key": _fold(name)}
            )
            if created:
                version = {k: v for k, v in values.items() if k not in ("name", "name_en")}
                InstrumentTypeVersion.objects.create(
                    type=kind, note="Danh mục nạp ban đầu", **version
                )


class Migration(migrations.Migration):
    dependencies = [("metrology", "0001_initial")]

    operations = [migrations.RunPython(load_types, migrations.RunPython.noop)]

"""Every Group 2 type states its legal source in Vietnamese; a cycle counts as confirmed only
where the research note says the current text (Circular 03/2024) was read directly. The
English provenance notes stay, for administrators only."""

from django.db import migrations

LEGAL_SOURCE = (
    "Thông tư số 23/2013/TT-BKHCN ngày 26/9/2013 của Bộ Khoa học và Công nghệ quy định về đo "
    "lường đối với phương tiện đo nhóm 2, được sửa đổi, bổ sung bởi Thông tư số "
    "07/2019/TT-BKHCN và Thông tư số 03/2024/TT-BKHCN (hợp nhất tại Văn bản hợp nhất số "
    "02/VBHN-BKHCN)"
)
DOUBT = ("LOW CONFIDENCE", "PRE-2024", "likely superseded", "not read")


def _confirmed(note):
    return "read directly" in note and not any(word in note for word in DOUBT)


def fill(apps, schema_editor):
    InstrumentType = apps.get_model("metrology", "InstrumentType")
    InstrumentTypeVersion = apps.get_model("metrology", "InstrumentTypeVersion")
    for model in (InstrumentType, InstrumentTypeVersion):
        for row in model.objects.filter(legal_source=""):
            row.legal_source = LEGAL_SOURCE
            row.cycle_confirmed = _confirmed(row.basis)
            row.save(update_fields=["legal_source", "cycle_confirmed"])


class Migration(migrations.Migration):
    dependencies = [("metrology", "0006_type_register_legal_source_and_releases")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

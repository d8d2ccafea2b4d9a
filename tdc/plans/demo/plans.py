"""Demo plans: the five seed plans, each imported into its province (successor of the province
that issued it), with that province's organisations created from the plan. Idempotent: a plan
already imported (same file hash in the province) is skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tdc.accounts.geography import province_by_name, sync_administrative_units
from tdc.accounts.models import Organisation, Province
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import create_organisation
from tdc.plans.models import Plan
from tdc.plans.queries.importing import file_hash
from tdc.plans.services.importing import import_plan_document

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"

# (seed file, the province as the plan names it, the plan's year)
SEED_PLANS: list[tuple[str, str, int]] = [
    ("000_6e5e5aaf15dc4918.txt", "Khánh Hòa", 2025),
    ("002_4c4b0f05aca448ef.txt", "Khánh Hòa", 2026),
    ("001_90f2a4a9d7f11c63.txt", "Thừa Thiên Huế", 2025),
    ("003_dd02426a61918d0f.txt", "Trà Vinh", 2025),
    ("004_2b6347c027d75735.txt", "Hưng Yên", 2025),
]


def ensure_dost(province: Province) -> Organisation:
    """The province's Department of Science and Technology, which owns its plans."""
    existing = dost_of_province(province.pk)
    if existing is not None:
        return existing
    return create_organisation(
        name="Sở Khoa học và Công nghệ",
        kind=Organisation.Kind.DOST,
        province=province,
        by=None,
        short_name="Sở KH&CN",
        aliases=["Sở KHCN", "Sở KH-CN", f"Sở Khoa học và Công nghệ {province.name}"],
    )


def load(out: Any) -> None:
    if not Province.objects.exists():
        sync_administrative_units()
    for filename, named_province, year in SEED_PLANS:
        province = province_by_name(named_province)
        if province is None:
            raise LookupError(f"No province for {named_province!r}")
        data = (SEEDS / filename).read_bytes()
        if Plan.objects.filter(province=province, source_hash=file_hash(data)).exists():
            continue
        ensure_dost(province)
        result = import_plan_document(province, data=data, filename=filename, by=None, year=year)
        out.write(
            f"Demo plan: {province.name} — {result.plan.tasks.count()} tasks, "
            f"{len(result.organisations_created)} organisations created.\n"
        )

"""Next year's survey categories: the priority of each (every term kept), the top ones plus a
seeded random share, edits with a reason; stored on the programme it creates."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Province, User
from tdc.core.text import clean_text
from tdc.surveillance.models import ProductCategory, SurveyProgramme
from tdc.surveillance.queries import category_priorities
from tdc.surveillance.rules.priority import Priority
from tdc.surveillance.services.planning import draw
from tdc.surveillance.services.surveys import create_programme


def propose(
    priorities: Sequence[Priority], *, top: int, extra_random: int, seed: int
) -> tuple[list[int], list[int]]:
    """The top `top` categories and `extra_random` more drawn among the rest."""
    chosen = [p.category_id for p in priorities[:top]]
    rest = [p.category_id for p in priorities[top:]]
    return chosen, draw(rest, k=extra_random, seed=seed)


@transaction.atomic
def create_programme_from_priorities(
    *,
    province: Province,
    year: int,
    by: User,
    top: int,
    extra_random: int,
    chosen_ids: Sequence[int],
    reason: str = "",
    seed: int | None = None,
    planned_samples: int = 20,
) -> SurveyProgramme:
    """Store next year's programme with how its categories were chosen; choosing other
    categories than the proposal needs a reason."""
    seed = secrets.randbits(32) if seed is None else seed
    priorities = category_priorities(province.pk, year=year)
    top_ids, random_ids = propose(priorities, top=top, extra_random=extra_random, seed=seed)
    proposal = set(top_ids) | set(random_ids)
    chosen = set(chosen_ids)
    text = clean_text(reason, keep_newlines=False).strip()
    if chosen != proposal and not text:
        raise ValidationError({"reason": _("Đã sửa danh sách đề xuất: nêu lý do.")})
    selection = {
        "seed": seed,
        "top": top_ids,
        "random": random_ids,
        "chosen": sorted(chosen),
        "reason": text,
        "terms": [
            {
                "category": p.category_id,
                "name": p.name,
                "severity_weight": str(p.severity_weight),
                "failed": p.failed,
                "tested": p.tested,
                "rate": str(p.rate_percent),
                "exposure": str(p.exposure),
                "signals": p.signals,
                "signal": str(p.signal),
                "priority": str(p.value),
            }
            for p in priorities
        ],
    }
    return create_programme(
        province=province,
        year=year,
        title=_("Khảo sát chất lượng sản phẩm, hàng hóa năm %(year)s") % {"year": year},
        categories=ProductCategory.objects.filter(pk__in=chosen),
        by=by,
        planned_samples=planned_samples,
        selection=selection,
    )

"""The yearly inspection plan: from the scores and the budget, with a seeded random share
among C/D establishments, reviewed and approved by two different officers; changes after
approval carry a reason."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Province, User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.surveillance.models import Establishment, InspectionPlan, PlanItem
from tdc.surveillance.services.scoring import score_establishments

Reason = PlanItem.Reason
Status = InspectionPlan.Status


def random_count(budget: int, share: Decimal) -> int:
    return int((Decimal(budget) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def draw(candidates: list[int], *, k: int, seed: int) -> list[int]:
    """`k` of the candidate ids, drawn with `seed`: the same seed and candidates give the same
    draw on any machine (Python's Mersenne Twister, candidates sorted first)."""
    ordered = sorted(candidates)
    return random.Random(seed).sample(ordered, min(k, len(ordered)))  # noqa: S311  (an audit draw, not a secret)


@dataclass(frozen=True)
class Candidate:
    pk: int
    score: int
    category: str
    forced: bool


def _select(
    candidates: list[Candidate], *, budget: int, share: Decimal, seed: int
) -> list[tuple[Candidate, str]]:
    by_score = sorted(candidates, key=lambda c: (-c.score, c.pk))
    chosen: list[tuple[Candidate, str]] = [(c, Reason.TRIGGER) for c in by_score if c.forced]
    taken = {c.pk for c, _reason in chosen}
    n_random = random_count(budget, share)
    room = max(budget - len(chosen) - n_random, 0)
    for candidate in by_score:
        if room == 0:
            break
        if candidate.pk in taken:
            continue
        chosen.append((candidate, Reason.SCORE))
        taken.add(candidate.pk)
        room -= 1
    pool = [c.pk for c in by_score if c.pk not in taken and c.category in ("C", "D")]
    left = max(budget - len(chosen), 0)
    picked = set(draw(pool, k=min(n_random, left), seed=seed))
    chosen.extend((c, Reason.RANDOM) for c in by_score if c.pk in picked)
    return chosen


def select_in_database(
    province_id: int, *, budget: int, share: Decimal, seed: int
) -> list[tuple[Candidate, str]]:
    """`_select` without reading every establishment: the forced ones and the top of the
    score order come from the database already sorted; of the others only the ids of the C/D
    pool are read, for the seeded draw. Chooses exactly what `_select` chooses (a test checks
    it), at the cost of three narrow queries instead of every row."""
    scored = (
        Establishment.objects.filter(province_id=province_id)
        .annotate(points=Coalesce("score", 0))
        .order_by("-points", "pk")
    )

    def candidates(rows: QuerySet[Establishment]) -> list[Candidate]:
        return [
            Candidate(pk, points, category or "D", forced)
            for pk, points, category, forced in rows.annotate(forced=~Q(triggers=[])).values_list(
                "pk", "points", "risk_category", "forced"
            )
        ]

    forced = candidates(scored.exclude(triggers=[]))
    chosen: list[tuple[Candidate, str]] = [(c, Reason.TRIGGER) for c in forced]
    taken = {c.pk for c in forced}
    n_random = random_count(budget, share)
    room = max(budget - len(chosen) - n_random, 0)
    if room:
        top = candidates(scored.filter(triggers=[])[:room])
        chosen.extend((c, Reason.SCORE) for c in top)
        taken.update(c.pk for c in top)
    left = max(budget - len(chosen), 0)
    if n_random and left:
        pool = [
            pk
            for pk in Establishment.objects.filter(
                province_id=province_id, risk_category__in=("C", "D", "")
            ).values_list("pk", flat=True)
            if pk not in taken
        ]
        picked = draw(pool, k=min(n_random, left), seed=seed)
        chosen.extend((c, Reason.RANDOM) for c in candidates(scored.filter(pk__in=picked)))
    return chosen


INSERT_ITEMS_SQL = """
INSERT INTO surveillance_planitem
  (plan_id, establishment_id, reason, rank, score, risk_category, terms, is_removed, change_reason)
SELECT %s, c.id, c.reason, c.rank, c.score, c.category, e.score_inputs, false, ''
FROM unnest(%s::bigint[], %s::text[], %s::int[], %s::int[], %s::text[])
  AS c(id, reason, rank, score, category)
JOIN surveillance_establishment e ON e.id = c.id
"""


def _store_items(plan: InspectionPlan, chosen: list[tuple[Candidate, str]]) -> None:
    """The chosen establishments as plan items, each with the inputs its score came from. On
    PostgreSQL one INSERT … SELECT copies the inputs inside the database; elsewhere they are
    read and written back in bulk."""
    ranked = list(enumerate(chosen, start=1))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                INSERT_ITEMS_SQL,
                [
                    plan.pk,
                    [c.pk for _rank, (c, _r) in ranked],
                    [str(r) for _rank, (_c, r) in ranked],
                    [rank for rank, _chosen in ranked],
                    [c.score for _rank, (c, _r) in ranked],
                    [c.category for _rank, (c, _r) in ranked],
                ],
            )
        return
    inputs = dict(
        Establishment.objects.filter(pk__in=[c.pk for c, _r in chosen]).values_list(
            "pk", "score_inputs"
        )
    )
    PlanItem.objects.bulk_create(
        (
            PlanItem(
                plan=plan,
                establishment_id=candidate.pk,
                reason=reason,
                rank=rank,
                score=candidate.score,
                risk_category=candidate.category,
                terms=inputs[candidate.pk],
            )
            for rank, (candidate, reason) in ranked
        ),
        batch_size=1000,
    )


@transaction.atomic
def generate_plan(
    *,
    province: Province,
    year: int,
    budget: int,
    by: User,
    random_share: Decimal = Decimal("0.15"),
    seed: int | None = None,
) -> InspectionPlan:
    """Score every establishment, then fill the budget: hard triggers first, then by score,
    then a random share among C/D. A draft for the year is replaced; an approved plan is not."""
    if budget < 1:
        raise ValidationError({"budget": _("Số cuộc kiểm tra phải lớn hơn 0.")})
    if not (Decimal("0.10") <= random_share <= Decimal("0.20")):
        raise ValidationError({"random_share": _("Tỷ lệ chọn ngẫu nhiên phải từ 10 % đến 20 %.")})
    plan = InspectionPlan.objects.select_for_update().filter(province=province, year=year).first()
    if plan is not None and plan.status != Status.DRAFT:
        raise ValidationError(
            _("Kế hoạch năm %(year)s đã được thẩm định hoặc phê duyệt.") % {"year": year}
        )
    score_establishments(province.pk)
    seed = secrets.randbits(48) if seed is None else seed
    if plan is None:
        plan = InspectionPlan(province=province, year=year, created_by=by)
    plan.budget, plan.random_share, plan.seed = budget, random_share, seed
    plan.full_clean()
    plan.save()
    plan.items.all().delete()
    chosen = select_in_database(province.pk, budget=budget, share=random_share, seed=seed)
    _store_items(plan, chosen)
    record(
        actor=by,
        action="surveillance.plan_generated",
        target=plan,
        data={
            "year": year,
            "budget": budget,
            "random_share": str(random_share),
            "seed": seed,
            "items": [[c.pk, r] for c, r in chosen],
        },
    )
    return plan


@transaction.atomic
def review_plan(plan: InspectionPlan, *, by: User) -> InspectionPlan:
    if plan.status != Status.DRAFT:
        raise ValidationError(_("Chỉ thẩm định được kế hoạch đang là dự thảo."))
    if plan.created_by_id == by.pk:
        raise ValidationError(_("Người lập kế hoạch không tự thẩm định kế hoạch của mình."))
    plan.status, plan.reviewed_by, plan.reviewed_at = Status.REVIEWED, by, timezone.now()
    plan.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    record(actor=by, action="surveillance.plan_reviewed", target=plan)
    return plan


@transaction.atomic
def approve_plan(plan: InspectionPlan, *, by: User) -> InspectionPlan:
    if plan.status != Status.REVIEWED:
        raise ValidationError(_("Kế hoạch cần được thẩm định trước khi phê duyệt."))
    if plan.reviewed_by_id == by.pk:
        raise ValidationError(_("Người thẩm định không đồng thời phê duyệt kế hoạch."))
    plan.status, plan.approved_by, plan.approved_at = Status.APPROVED, by, timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    record(actor=by, action="surveillance.plan_approved", target=plan)
    return plan


def _touch(plan: InspectionPlan) -> None:
    """A change to the items is a change to the plan (`updated_after` of the API finds it)."""
    plan.save(update_fields=["updated_at"])


def _reason(plan: InspectionPlan, reason: str) -> str:
    text = clean_text(reason, keep_newlines=False).strip()
    if plan.status != Status.DRAFT and not text:
        raise ValidationError({"reason": _("Kế hoạch đã thẩm định: nêu lý do thay đổi.")})
    return text[:500]


@transaction.atomic
def add_to_plan(
    plan: InspectionPlan, *, establishment: Establishment, reason: str, by: User
) -> PlanItem:
    text = _reason(plan, reason)
    if establishment.province_id != plan.province_id:
        raise ValidationError(_("Cơ sở không thuộc tỉnh của kế hoạch."))
    item = PlanItem.objects.filter(plan=plan, establishment=establishment).first()
    if item is not None and not item.is_removed:
        raise ValidationError(_("Cơ sở đã có trong kế hoạch."))
    if item is None:
        last = plan.items.order_by("-rank").values_list("rank", flat=True).first() or 0
        item = PlanItem(
            plan=plan,
            establishment=establishment,
            reason=Reason.ADDED,
            rank=last + 1,
            score=establishment.score or 0,
            risk_category=establishment.risk_category or "D",
            terms=establishment.score_inputs,
        )
    item.is_removed = False
    item.change_reason = text
    item.save()
    _touch(plan)
    record(
        actor=by,
        action="surveillance.plan_item_added",
        target=plan,
        data={"establishment": establishment.pk, "reason": text, "status": plan.status},
    )
    return item


@transaction.atomic
def remove_from_plan(item: PlanItem, *, reason: str, by: User) -> PlanItem:
    text = _reason(item.plan, reason)
    if item.is_removed:
        raise ValidationError(_("Cơ sở đã được bỏ khỏi kế hoạch."))
    item.is_removed = True
    item.change_reason = text
    item.save(update_fields=["is_removed", "change_reason"])
    _touch(item.plan)
    record(
        actor=by,
        action="surveillance.plan_item_removed",
        target=item.plan,
        data={"establishment": item.establishment_id, "reason": text, "status": item.plan.status},
    )
    return item

"""Score every establishment of a province: a handful of grouped queries read the inputs (no
query per establishment), `rules.score` computes the terms, one bulk update stores them."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from tdc.complaints.queries import credible_reports_by_business
from tdc.surveillance.models import (
    ConsumerWarning,
    Establishment,
    Inspection,
    RiskAssessment,
    RiskLevel,
    Sample,
    Violation,
)
from tdc.surveillance.rules.priority import smoothed_rate
from tdc.surveillance.rules.score import Score, ScoreInputs, score

HISTORY_YEARS = 3
_RANK = {"": 0, "low": 1, "medium": 2, "high": 3}


def _category_class(weight: Decimal) -> str:
    if weight >= Decimal("3.5"):
        return "high"
    if weight >= Decimal(2):
        return "medium"
    return "low"


def _higher(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def score_inputs(province_id: int, *, today: dt.date) -> dict[int, ScoreInputs]:
    """The inputs of every establishment of the province, from grouped queries."""
    since = today.replace(year=today.year - HISTORY_YEARS)
    establishments = list(
        Establishment.objects.filter(province_id=province_id).values(
            "pk", "channels", "volume", "international_warning_matches", "organisation__search_key"
        )
    )
    hazard: dict[int, str] = defaultdict(str)
    categories_of: dict[int, set[int]] = defaultdict(set)
    for pk, category_id, weight in Establishment.categories.through.objects.filter(
        establishment__province_id=province_id
    ).values_list("establishment_id", "productcategory_id", "productcategory__severity_weight"):
        categories_of[pk].add(category_id)
        hazard[pk] = _higher(hazard[pk], _category_class(weight))
    recent = Sample.objects.filter(province_id=province_id, sampled_on__gte=since)
    for pk, risk_class in recent.values_list("establishment_id", "product__risk_class").distinct():
        hazard[pk] = _higher(hazard[pk], risk_class)
    failed: dict[int, int] = {
        row["establishment_id"]: row["n"]
        for row in recent.filter(verdict=Sample.Verdict.NON_CONFORMING)
        .values("establishment_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rate_of: dict[int, Decimal] = {
        row["product__category_id"]: smoothed_rate(row["failed"], row["tested"])
        for row in recent.exclude(verdict=Sample.Verdict.PENDING)
        .values("product__category_id")
        .annotate(
            tested=Count("pk"),
            failed=Count("pk", filter=Q(verdict=Sample.Verdict.NON_CONFORMING)),
        )
        .order_by()
    }
    done = Inspection.objects.filter(
        province_id=province_id, status=Inspection.Status.DONE, inspected_on__gte=since
    )
    inspections = {
        r["establishment_id"]: r["n"]
        for r in done.values("establishment_id").annotate(n=Count("pk")).order_by()
    }
    violations = {
        r["inspection__establishment_id"]: r["n"]
        for r in Violation.objects.filter(inspection__in=done)
        .values("inspection__establishment_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    warned_products = ConsumerWarning.objects.filter(
        province_id=province_id, status=ConsumerWarning.Status.PUBLISHED
    ).values("product_id")
    warnings = {
        r["establishment_id"]: r["n"]
        for r in recent.filter(product_id__in=warned_products)
        .values("establishment_id")
        .annotate(n=Count("product_id", distinct=True))
        .order_by()
    }
    serious_products = RiskAssessment.objects.filter(
        province_id=province_id, level=RiskLevel.SERIOUS, created_at__date__gte=since
    ).values("product_id")
    serious = set(
        recent.filter(product_id__in=serious_products).values_list("establishment_id", flat=True)
    )
    reports = credible_reports_by_business(province_id=province_id, since=since)
    inputs: dict[int, ScoreInputs] = {}
    for row in establishments:
        pk = row["pk"]
        # Organisation.search_key is "folded name | short name | aliases": its name comes first.
        key = row["organisation__search_key"].split(" | ", 1)[0][:200] if reports else ""
        credible, measurement = reports.get(key, (0, 0))
        rates = [rate_of[c] for c in categories_of[pk] if c in rate_of]
        inputs[pk] = ScoreInputs(
            hazard=hazard[pk],
            channels=tuple(row["channels"] or ()),
            volume=row["volume"],
            inspections=inspections.get(pk, 0),
            violations=violations.get(pk, 0),
            credible_reports=credible,
            category_nonconformity=max(rates, default=Decimal(0)),
            failed_samples=failed.get(pk, 0),
            warning_matches=warnings.get(pk, 0) + row["international_warning_matches"],
            serious_risk_product=pk in serious,
            measurement_fraud_report=measurement > 0,
        )
    return inputs


def _terms_json(result: Score) -> list[dict[str, object]]:
    return [
        {
            "key": t.key,
            "label": t.label,
            "points": t.points,
            "maximum": t.maximum,
            "explanation": t.explanation,
        }
        for t in result.terms
    ]


def _store(rows: list[tuple[int, Score]], now: dt.datetime) -> None:
    """Write the scores: on PostgreSQL one COPY into a temporary table and one UPDATE … FROM;
    elsewhere Django's bulk_update."""
    if connection.vendor == "postgresql":
        table = Establishment._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE surveillance_scores (id bigint, score smallint, "
                "category varchar(1), terms jsonb, triggers jsonb) ON COMMIT DROP"
            )
            with cursor.cursor.copy(
                "COPY surveillance_scores (id, score, category, terms, triggers) FROM STDIN"
            ) as copy:
                for pk, result in rows:
                    copy.write_row(
                        (
                            pk,
                            result.total,
                            result.category,
                            json.dumps(_terms_json(result), ensure_ascii=False),
                            json.dumps(result.triggers, ensure_ascii=False),
                        )
                    )
            cursor.execute(
                f"UPDATE {table} AS e SET score = s.score, risk_category = s.category, "  # noqa: S608  (our own table name)
                "score_terms = s.terms, triggers = s.triggers, scored_at = %s "
                "FROM surveillance_scores AS s WHERE e.id = s.id",
                [now],
            )
            cursor.execute("DROP TABLE surveillance_scores")
        return
    changed = []
    for pk, result in rows:
        changed.append(
            Establishment(
                pk=pk,
                score=result.total,
                risk_category=result.category,
                score_terms=_terms_json(result),
                triggers=result.triggers,
                scored_at=now,
            )
        )
    Establishment.objects.bulk_update(
        changed, ["score", "risk_category", "score_terms", "triggers", "scored_at"], batch_size=500
    )


@transaction.atomic
def score_establishments(province_id: int, *, today: dt.date | None = None) -> int:
    """Score every establishment of the province; returns how many were scored."""
    today = today or timezone.localdate()
    inputs = score_inputs(province_id, today=today)
    _store([(pk, score(one)) for pk, one in inputs.items()], timezone.now())
    return len(inputs)

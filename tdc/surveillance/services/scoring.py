"""Score every establishment of a province: a handful of grouped queries read the inputs (no
query per establishment), `rules.score` computes the terms, one bulk update stores them."""

from __future__ import annotations

import datetime as dt
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
from tdc.surveillance.rules.score import (
    TRIGGER_FRAUD,
    TRIGGER_SERIOUS,
    Score,
    ScoreInputs,
    inputs_from_json,
    inputs_to_json,
    score,
)

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


SCORE_SQL = """
WITH since AS (SELECT %(since)s::date AS d),
recent AS (
  SELECT s.establishment_id, s.product_id, s.verdict, p.risk_class, p.category_id
  FROM surveillance_sample s JOIN surveillance_product p ON p.id = s.product_id, since
  WHERE s.province_id = %(province)s AND s.sampled_on >= since.d),
rate AS (
  SELECT category_id AS id,
    (count(*) FILTER (WHERE verdict = 'non_conforming') + 1)::numeric / (count(*) + 5) AS r
  FROM recent WHERE verdict <> 'pending' GROUP BY 1),
sold AS (
  SELECT ec.establishment_id AS id,
    max(CASE WHEN c.severity_weight >= 3.5 THEN 3 WHEN c.severity_weight >= 2 THEN 2 ELSE 1 END)
      AS hazard,
    max(rate.r) AS r
  FROM surveillance_establishment_categories ec
  JOIN surveillance_establishment e ON e.id = ec.establishment_id AND e.province_id = %(province)s
  JOIN surveillance_productcategory c ON c.id = ec.productcategory_id
  LEFT JOIN rate ON rate.id = ec.productcategory_id GROUP BY 1),
sampled AS (
  SELECT establishment_id AS id,
    max(CASE risk_class WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)
      AS hazard,
    count(*) FILTER (WHERE verdict = 'non_conforming') AS failed,
    count(DISTINCT product_id) FILTER (WHERE product_id IN (
      SELECT product_id FROM surveillance_consumerwarning
      WHERE province_id = %(province)s AND status = 'published')) AS warned,
    bool_or(product_id IN (
      SELECT product_id FROM surveillance_riskassessment, since
      WHERE province_id = %(province)s AND level = 'serious' AND created_at::date >= since.d))
      AS serious
  FROM recent GROUP BY 1),
done AS (
  SELECT i.establishment_id AS id, count(DISTINCT i.id) AS inspections, count(v.id) AS violations
  FROM surveillance_inspection i LEFT JOIN surveillance_violation v ON v.inspection_id = i.id, since
  WHERE i.province_id = %(province)s AND i.status = 'done' AND i.inspected_on >= since.d
  GROUP BY 1),
reports AS (
  SELECT * FROM unnest(%(keys)s::text[], %(totals)s::int[], %(measurement)s::int[])
    AS r(key, total, measurement)),
inputs AS (
  SELECT e.id,
    greatest(coalesce(sold.hazard, 0), coalesce(sampled.hazard, 0)) AS hazard,
    e.channels, e.volume,
    coalesce((SELECT max(CASE c WHEN 'stall' THEN 4 WHEN 'shop' THEN 6 WHEN 'supermarket' THEN 10
      WHEN 'online' THEN 12 WHEN 'wholesale' THEN 12 WHEN 'multi_province' THEN 15 ELSE 0 END)
      FROM jsonb_array_elements_text(e.channels) AS c), 0) AS widest,
    coalesce(done.inspections, 0) AS inspections, coalesce(done.violations, 0) AS violations,
    {reports_columns}
    coalesce(sold.r, 0) AS rate, coalesce(sampled.failed, 0) AS failed,
    coalesce(sampled.warned, 0) + e.international_warning_matches AS warnings,
    coalesce(sampled.serious, false) AS serious
  FROM surveillance_establishment e
  LEFT JOIN sold ON sold.id = e.id LEFT JOIN sampled ON sampled.id = e.id
  LEFT JOIN done ON done.id = e.id
  {reports_join}
  WHERE e.province_id = %(province)s),
points AS MATERIALIZED (
  SELECT i.*,
    (ARRAY[0, 8, 18, 30])[i.hazard + 1]
    + least(20, i.widest + CASE i.volume WHEN 'large' THEN 5 WHEN 'medium' THEN 3 ELSE 0 END)
    + CASE WHEN i.inspections = 0 THEN 6 ELSE least(20, 7 * i.violations) END
    + least(15, 5 * i.credible)
    + least(15, round(least(i.rate, 1) * 15 + 5 * i.failed))::int
    + least(10, 5 * i.warnings) AS total,
    jsonb_build_object(
      'hazard', (ARRAY['', 'low', 'medium', 'high'])[i.hazard + 1], 'channels', i.channels,
      'volume', i.volume, 'inspections', i.inspections, 'violations', i.violations,
      'credible_reports', i.credible, 'category_nonconformity', i.rate::text,
      'failed_samples', i.failed, 'warning_matches', i.warnings,
      'serious_risk_product', i.serious, 'measurement_fraud_report', i.measurement > 0) AS kept
  FROM inputs i)
UPDATE surveillance_establishment AS e SET
  score = least(100, p.total),
  risk_category = CASE WHEN p.total >= 70 THEN 'A' WHEN p.total >= 50 THEN 'B'
    WHEN p.total >= 30 THEN 'C' ELSE 'D' END,
  triggers = (CASE WHEN p.serious THEN jsonb_build_array(%(serious)s::text)
    ELSE '[]'::jsonb END) || (CASE WHEN p.measurement > 0 THEN jsonb_build_array(%(fraud)s::text)
    ELSE '[]'::jsonb END),
  score_inputs = p.kept,
  scored_at = %(now)s
FROM points AS p
WHERE e.id = p.id AND e.score_inputs IS DISTINCT FROM p.kept
"""


# Citizen reports are matched on the organisation's folded name; without any report in the
# period there is nothing to match, and the statement does not read the organisations.
REPORTS_JOIN = """JOIN accounts_organisation o ON o.id = e.organisation_id
  LEFT JOIN reports ON reports.key = left(split_part(o.search_key, ' | ', 1), 200)"""
REPORTS_COLUMNS = (
    "coalesce(reports.total, 0) AS credible, coalesce(reports.measurement, 0) AS measurement,"
)
NO_REPORTS_COLUMNS = "0 AS credible, 0 AS measurement,"


def score_sql(*, with_reports: bool) -> str:
    return SCORE_SQL.replace("{reports_join}", REPORTS_JOIN if with_reports else "").replace(
        "{reports_columns}", REPORTS_COLUMNS if with_reports else NO_REPORTS_COLUMNS
    )


def _score_in_sql(province_id: int, *, today: dt.date) -> int:
    """PostgreSQL: the inputs, the six terms and the category in one UPDATE … FROM (the same
    formula as `rules.score`; tests/services/test_scoring.py checks they agree). A row whose
    inputs did not change is not rewritten, so `scored_at` is when its score last changed.
    Returns how many rows changed."""
    since = today.replace(year=today.year - HISTORY_YEARS)
    reports = credible_reports_by_business(province_id=province_id, since=since)
    with connection.cursor() as cursor:
        # The statement's estimated cost (a few hundred thousand) crosses PostgreSQL's JIT
        # threshold, and compiling it costs more than it saves on 100,000 rows.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            score_sql(with_reports=bool(reports)),
            {
                "province": province_id,
                "since": since,
                "now": timezone.now(),
                "keys": list(reports),
                "totals": [total for total, _m in reports.values()],
                "measurement": [m for _total, m in reports.values()],
                "serious": TRIGGER_SERIOUS,
                "fraud": TRIGGER_FRAUD,
            },
        )
        cursor.execute("SET LOCAL jit TO DEFAULT")
    return Establishment.objects.filter(province_id=province_id).count()


@transaction.atomic
def score_establishments(
    province_id: int, *, today: dt.date | None = None, in_sql: bool | None = None
) -> int:
    """Score every establishment of the province; returns how many were scored.

    On PostgreSQL one set-based statement does it (`in_sql`); elsewhere the grouped queries of
    `score_inputs`, `rules.score` and a bulk update. Both store the inputs, from which
    `rules.score` rebuilds each term and its explanation for the establishment's page.
    """
    today = today or timezone.localdate()
    if in_sql is None:
        in_sql = connection.vendor == "postgresql"
    if in_sql:
        return _score_in_sql(province_id, today=today)
    inputs = score_inputs(province_id, today=today)
    now = timezone.now()
    changed = []
    for pk, one in inputs.items():
        result = score(one)
        changed.append(
            Establishment(
                pk=pk,
                score=result.total,
                risk_category=result.category,
                score_inputs=inputs_to_json(one),
                triggers=result.triggers,
                scored_at=now,
            )
        )
    Establishment.objects.bulk_update(
        changed, ["score", "risk_category", "score_inputs", "triggers", "scored_at"], batch_size=500
    )
    return len(changed)


def explain(establishment: Establishment) -> Score | None:
    """The establishment's score rebuilt term by term from the inputs stored with it."""
    if establishment.score is None or not establishment.score_inputs:
        return None
    return score(inputs_from_json(establishment.score_inputs))

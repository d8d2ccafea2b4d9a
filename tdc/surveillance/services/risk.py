"""Product risk assessments by the EU method: every input kept, re-runnable."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import User
from tdc.core.audit import record
from tdc.core.text import clean_text
from tdc.surveillance.models import Product, RiskAssessment, Sample
from tdc.surveillance.rules.matrix import Matrix, Step, eu_matrix, scenario_probability


def _steps_from(scenario: Sequence[dict[str, str]]) -> list[Step]:
    return [
        Step(description=str(s["description"]), probability=Decimal(str(s["probability"])))
        for s in scenario
    ]


@transaction.atomic
def assess_risk(
    product: Product,
    *,
    hazard: str,
    steps: Sequence[Step],
    severity: int,
    by: User,
    sample: Sample | None = None,
    matrix: Matrix | None = None,
    previous: RiskAssessment | None = None,
) -> RiskAssessment:
    """Probability = product of the steps' probabilities; level = matrix[probability][severity]."""
    matrix = matrix or eu_matrix()
    if sample is not None and sample.product_id != product.pk:
        raise ValidationError(_("Mẫu không phải của sản phẩm này."))
    cleaned = [
        Step(clean_text(s.description, keep_newlines=False).strip(), s.probability) for s in steps
    ]
    if any(not s.description for s in cleaned):
        raise ValidationError(_("Mỗi bước của kịch bản cần được mô tả."))
    probability = scenario_probability(cleaned)
    level = matrix.level(severity=severity, probability=probability)
    assessment = RiskAssessment(
        province_id=product.province_id,
        product=product,
        sample=sample,
        hazard=clean_text(hazard, keep_newlines=False).strip(),
        scenario=[
            {"description": s.description, "probability": str(s.probability)} for s in cleaned
        ],
        severity=severity,
        probability=probability.quantize(Decimal("1e-12")),
        level=level,
        matrix_version=matrix.version,
        previous=previous,
        assessed_by=by,
    )
    assessment.full_clean()
    assessment.save()
    record(
        actor=by,
        action="surveillance.risk_assessed",
        target=assessment,
        data={
            "product": product.pk,
            "severity": severity,
            "probability": str(probability),
            "level": level,
            "matrix": matrix.version,
            "previous": previous.pk if previous else None,
        },
    )
    return assessment


def rerun_assessment(
    assessment: RiskAssessment, *, by: User, matrix: Matrix | None = None
) -> RiskAssessment:
    """The same inputs through the (current or given) matrix: a new assessment linked to the old."""
    return assess_risk(
        assessment.product,
        hazard=assessment.hazard,
        steps=_steps_from(assessment.scenario),
        severity=assessment.severity,
        by=by,
        sample=assessment.sample,
        matrix=matrix,
        previous=assessment,
    )

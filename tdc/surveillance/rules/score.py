"""The establishment score (0–100) and its categories A–D, term by term.

Six terms, each bounded and each monotone (never lower when a risk input grows), summed and
capped at 100:

| term     | at most | from                                                                   |
|----------|---------|------------------------------------------------------------------------|
| hazard   | 30      | the highest risk class of what it sells (low 8, medium 18, high 30)    |
| reach    | 20      | its widest sales channel (stall 4 … multi-province 15) + volume (0–5)   |
| history  | 20      | violations found in the last 3 years, 7 each; never inspected: 6        |
| reports  | 15      | credible citizen reports about it, 5 each                              |
| surveys  | 15      | smoothed non-conformity rate of its categories × 15, +5 per own failing sample |
| warnings | 10      | matches with national or international warnings, 5 each                |

Categories: A ≥ 70, B ≥ 50, C ≥ 30, else D (A is inspected first; the plan's random share is
drawn among C and D). Hard triggers (a serious-risk product sold in the province, a credible
report of measurement fraud) do not change the score: they force an unscheduled inspection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

HAZARD_POINTS = {"": 0, "low": 8, "medium": 18, "high": 30}
CHANNEL_POINTS = {
    "stall": 4,
    "shop": 6,
    "supermarket": 10,
    "online": 12,
    "wholesale": 12,
    "multi_province": 15,
}
VOLUME_POINTS = {"small": 0, "medium": 3, "large": 5}
NEVER_INSPECTED_POINTS = 6
CATEGORY_BOUNDS = (("A", 70), ("B", 50), ("C", 30))


@dataclass(frozen=True)
class ScoreInputs:
    """What the score is computed from (all counts for the last three years)."""

    hazard: str = ""  # highest risk class sold: "", "low", "medium", "high"
    channels: tuple[str, ...] = ()
    volume: str = "small"
    inspections: int = 0
    violations: int = 0
    credible_reports: int = 0
    category_nonconformity: Decimal = Decimal(0)  # 0..1, smoothed
    failed_samples: int = 0
    warning_matches: int = 0
    serious_risk_product: bool = False
    measurement_fraud_report: bool = False


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    points: int
    maximum: int
    explanation: str


@dataclass(frozen=True)
class Score:
    total: int
    category: str
    terms: list[Term] = field(default_factory=list)
    triggers: list[str] = field(default_factory=list)


def _bounded(value: Decimal | int, maximum: int) -> int:
    number = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(max(Decimal(0), min(Decimal(maximum), number)))


def hazard_term(inputs: ScoreInputs) -> Term:
    points = HAZARD_POINTS.get(inputs.hazard, 0)
    labels = {"": "chưa rõ", "low": "thấp", "medium": "trung bình", "high": "cao"}
    return Term(
        "hazard",
        "Mối nguy của hàng hóa kinh doanh",
        points,
        30,
        f"Nhóm rủi ro cao nhất của hàng hóa: {labels.get(inputs.hazard, 'chưa rõ')}.",
    )


def reach_term(inputs: ScoreInputs) -> Term:
    widest = max((CHANNEL_POINTS.get(c, 0) for c in inputs.channels), default=0)
    volume = VOLUME_POINTS.get(inputs.volume, 0)
    return Term(
        "reach",
        "Phạm vi tiếp cận (kênh bán, quy mô)",
        _bounded(widest + volume, 20),
        20,
        f"Kênh bán rộng nhất {widest} điểm, quy mô {volume} điểm.",
    )


def history_term(inputs: ScoreInputs) -> Term:
    if inputs.inspections == 0:
        points, text = NEVER_INSPECTED_POINTS, "Chưa được kiểm tra trong 3 năm."
    else:
        points = _bounded(7 * inputs.violations, 20)
        text = f"{inputs.inspections} lần kiểm tra, {inputs.violations} vi phạm trong 3 năm."
    if inputs.inspections and not inputs.violations:
        text = f"{inputs.inspections} lần kiểm tra trong 3 năm, không vi phạm."
    return Term("history", "Lịch sử kiểm tra", points, 20, text)


def reports_term(inputs: ScoreInputs) -> Term:
    return Term(
        "reports",
        "Phản ánh đáng tin cậy của người dân",
        _bounded(5 * inputs.credible_reports, 15),
        15,
        f"{inputs.credible_reports} phản ánh đã thụ lý hoặc xác nhận vi phạm.",
    )


def surveys_term(inputs: ScoreInputs) -> Term:
    rate = max(Decimal(0), min(Decimal(1), inputs.category_nonconformity))
    percent = (rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Term(
        "surveys",
        "Kết quả khảo sát chất lượng",
        _bounded(rate * 15 + 5 * inputs.failed_samples, 15),
        15,
        (
            f"Tỷ lệ không đạt của nhóm hàng {str(percent).replace('.', ',')} %, "
            f"{inputs.failed_samples} mẫu của cơ sở không đạt."
        ),
    )


def warnings_term(inputs: ScoreInputs) -> Term:
    return Term(
        "warnings",
        "Trùng khớp cảnh báo trong nước, quốc tế",
        _bounded(5 * inputs.warning_matches, 10),
        10,
        f"{inputs.warning_matches} cảnh báo trùng khớp.",
    )


TRIGGER_SERIOUS = "Bán sản phẩm có rủi ro nghiêm trọng trên địa bàn tỉnh."
TRIGGER_FRAUD = "Có phản ánh đáng tin cậy về gian lận đo lường."
TERMS = (hazard_term, reach_term, history_term, reports_term, surveys_term, warnings_term)


def category_for(total: int) -> str:
    for category, bound in CATEGORY_BOUNDS:
        if total >= bound:
            return category
    return "D"


def score(inputs: ScoreInputs) -> Score:
    terms = [term(inputs) for term in TERMS]
    total = min(100, sum(t.points for t in terms))
    triggers = []
    if inputs.serious_risk_product:
        triggers.append(TRIGGER_SERIOUS)
    if inputs.measurement_fraud_report:
        triggers.append(TRIGGER_FRAUD)
    return Score(total=total, category=category_for(total), terms=terms, triggers=triggers)


def inputs_to_json(inputs: ScoreInputs) -> dict[str, object]:
    return {
        "hazard": inputs.hazard,
        "channels": list(inputs.channels),
        "volume": inputs.volume,
        "inspections": inputs.inspections,
        "violations": inputs.violations,
        "credible_reports": inputs.credible_reports,
        "category_nonconformity": str(inputs.category_nonconformity),
        "failed_samples": inputs.failed_samples,
        "warning_matches": inputs.warning_matches,
        "serious_risk_product": inputs.serious_risk_product,
        "measurement_fraud_report": inputs.measurement_fraud_report,
    }


def inputs_from_json(data: dict[str, Any]) -> ScoreInputs:
    return ScoreInputs(
        hazard=str(data.get("hazard") or ""),
        channels=tuple(data.get("channels") or ()),
        volume=str(data.get("volume") or "small"),
        inspections=int(data.get("inspections") or 0),
        violations=int(data.get("violations") or 0),
        credible_reports=int(data.get("credible_reports") or 0),
        category_nonconformity=Decimal(str(data.get("category_nonconformity") or "0")),
        failed_samples=int(data.get("failed_samples") or 0),
        warning_matches=int(data.get("warning_matches") or 0),
        serious_risk_product=bool(data.get("serious_risk_product")),
        measurement_fraud_report=bool(data.get("measurement_fraud_report")),
    )

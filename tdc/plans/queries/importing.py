"""Reading a plan document into the import preview, and reading that preview back.

`build_preview` turns a `ParsedPlan` into the preview, matching every unit named by a task or a
duty to an organisation of the province with a confidence score; collective names ("UBND các
xã, phường, đặc khu") become collective mentions; a unit that matches nothing is proposed as
a new organisation, never dropped. The preview is plain JSON (see `Preview`): it survives
between requests in the draft row."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdc.accounts.models import Organisation, Province
from tdc.core.text import fold
from tdc.plans.ingest import ParsedPlan, PlanParseError, parse_document
from tdc.plans.ingest.units import (
    canonical_unit_key,
    is_collective_unit,
    split_units,
    starts_new_body,
)
from tdc.plans.models import (
    Plan,
    PlanImportDraft,
    ReportingDeadline,
    Target,
)
from tdc.plans.queries.indicators import suggested_metric
from tdc.plans.queries.plans import matching_candidates

if TYPE_CHECKING:
    from tdc.plans.ingest.matching import UnitCandidate

PREVIEW_VERSION = 1


# `match_unit` scores run from 0 to 1. Without a preview (command line, demo), a match at or
# above this score is accepted; below it the unit becomes a new organisation.
AUTO_ACCEPT_SCORE = 0.85


# The choice an officer makes for each distinct unit of the draft.
CHOICE_NEW = "new"  # create the proposed organisation


CHOICE_NONE = "none"  # keep the text only, linked to no organisation


CHOICE_COLLECTIVE = "collective"  # a group of bodies (all communes, all departments, …)


CHOICE_ORG_PREFIX = "org:"  # "org:<id>": an existing organisation


# Plans issued before the 2025 reform name district People's Committees; the districts are gone
# and their work went to the communes (product brief, "Administrative geography").
COLLECTIVE_SUCCESSORS = {"all_districts": "all_communes"}


COLLECTIVE_LABELS = {
    "all_communes": gettext_noop("Tất cả UBND cấp xã (xã, phường, đặc khu)"),
    "all_localities": gettext_noop("Tất cả các địa phương"),
    "all_departments": gettext_noop("Các sở, ban, ngành"),
    "central_agencies": gettext_noop("Các cơ quan Trung ương"),
    "related_agencies": gettext_noop("Các cơ quan, đơn vị liên quan"),
    "enterprises": gettext_noop("Các doanh nghiệp"),
    "organisations_individuals": gettext_noop("Các tổ chức, cá nhân"),
    "socio_political_organisations": gettext_noop("Các tổ chức chính trị - xã hội"),
    "education_institutions": gettext_noop("Các cơ sở giáo dục, đào tạo"),
    "associations": gettext_noop("Các hội, hiệp hội"),
}


class PreviewHeader(TypedDict):
    issuer: str
    locality: str
    title: str
    doc_number: str
    doc_date: str | None  # ISO yyyy-mm-dd
    year: int | None
    references: list[str]
    # The year of the first reporting period to collect (None: the first one still open).
    first_year: NotRequired[int | None]


class PreviewGroup(TypedDict):
    key: str
    number: str
    title: str


class PreviewProposal(TypedDict):
    """A unit the document does not name for a task, proposed as its lead or partner."""

    text: str
    role: str  # "lead" or "partner"
    reason: str


class PreviewTask(TypedDict):
    key: str
    group: str | None  # a PreviewGroup key
    number: str
    content: str
    lead: list[str]
    partners: list[str]
    timeline: str
    funding: str
    source: str
    # Proposed units for a task whose document names no lead; once accepted, they are in
    # lead/partners and `reasons` keeps why each was proposed.
    proposals: NotRequired[list[PreviewProposal]]
    reasons: NotRequired[dict[str, str]]


class PreviewUnit(TypedDict):
    """One distinct unit (by canonical key) named by tasks or duties, and what to link it to."""

    key: str
    text: str
    collective: str
    matched_id: int | None
    score: float
    proposed_name: str
    choice: str
    new_name: str
    new_kind: str


class PreviewDuty(TypedDict):
    unit: str
    count: int
    items: list[str]


class PreviewTarget(TypedDict):
    text: str
    value: str  # a decimal, as text
    unit: str
    comparator: str
    period: str
    # The platform figure the target is computed from: proposed on import from the metric's
    # wording, linked or unlinked by the officer ("" for none).
    metric_key: NotRequired[str]


class PreviewDeadline(TypedDict):
    who: str
    to: str
    day: int
    month: int
    recurrence: str
    text: str


class Preview(TypedDict):
    version: int
    # The document is another province's plan (its locality as written): never matched
    # against this province's bodies, and not imported here.
    foreign_locality: NotRequired[str]
    header: PreviewHeader
    groups: list[PreviewGroup]
    tasks: list[PreviewTask]
    units: list[PreviewUnit]
    duties: list[PreviewDuty]
    targets: list[PreviewTarget]
    deadlines: list[PreviewDeadline]
    notes: list[str]
    next_key: int


def preview_of(draft: PlanImportDraft) -> Preview:
    return cast(Preview, draft.parsed)


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _clip(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]


def _iso_year(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).year
    except ValueError:
        return None


def _decimal_text(value: object) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return "0"
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)


def _day_month(text: str) -> tuple[int, int]:
    day, _sep, month = text.partition("/")
    try:
        return int(day), int(month)
    except ValueError:
        return 1, 1


def _recurrence(value: str) -> str:
    return (
        value if value in ReportingDeadline.Recurrence.values else ReportingDeadline.Recurrence.ONCE
    )


def _comparator(value: str) -> str:
    return value if value in Target.Comparator.values else Target.Comparator.EQUAL


_NATIONAL_PREFIXES = (
    "bo ",
    "tong cuc",
    "cuc ",
    "chinh phu",
    "thu tuong",
    "van phong chinh phu",
    "ban bi thu",
    "quoc hoi",
)


# Provincial bodies whose names open like a ministry's ("Bộ Chỉ huy quân sự tỉnh").
_PROVINCIAL_BO = ("bo chi huy", "bo doi bien phong")


def is_national_body(name: str) -> bool:
    """A central body ("Bộ KH&CN", "Ủy ban TCĐLCL Quốc gia") that belongs to no province."""
    key = canonical_unit_key(name).replace("đ", "d")
    if key.startswith(_PROVINCIAL_BO):
        return False
    return key.startswith(_NATIONAL_PREFIXES) or "quoc gia" in key or "trung uong" in key


def guess_organisation_kind(name: str) -> str:
    """The likely kind of a body from its name, for organisations created from a plan."""
    key = canonical_unit_key(name)
    kind = Organisation.Kind
    if key == "so khoa hoc va cong nghe":
        return kind.DOST
    if key in ("uy ban nhan dan", "uy ban nhan dan tinh", "uy ban nhan dan thanh pho"):
        return kind.PROVINCIAL_COMMITTEE
    if key.startswith(("uy ban nhan dan xa", "uy ban nhan dan phuong", "uy ban nhan dan dac khu")):
        return kind.COMMUNE_COMMITTEE
    if key.startswith(("trung tam ky thuat", "trung tam kiem dinh")):
        return kind.TESTING_BODY
    if key.startswith(("cong ty", "tong cong ty", "tap doan")):
        return kind.BUSINESS
    if key.startswith(("ban thuong vu", "ban chap hanh")):  # a mass organisation's board
        return kind.OTHER
    if key.startswith(
        ("so ", "cong an", "bo chi huy", "thanh tra", "ban ", "chi cuc", "van phong", "kho bac")
    ):
        return kind.DEPARTMENT
    return kind.OTHER


_TRAILING_REMARK = re.compile(r"\s*\([^()]*\)\s*$")


_AND_A_GROUP = re.compile(r"\s+và\s+(?=(?:các|những)\s)")


_PLURAL = re.compile(r"^(?:các|những)\s", re.IGNORECASE)


def collective_kind(text: str) -> str:
    """The collective mention a unit name stands for ('' for a single body); a remark in
    brackets at the end ("… (hoặc UBND cấp dưới trực tiếp)") does not change it."""
    kind = is_collective_unit(_TRAILING_REMARK.sub("", text)) or ""
    return COLLECTIVE_SUCCESSORS.get(kind, kind)


def collective_label(kind: str) -> str:
    return _(COLLECTIVE_LABELS.get(kind, kind))


def organisation_choice(organisation_id: int) -> str:
    return f"{CHOICE_ORG_PREFIX}{organisation_id}"


def chosen_organisation_id(choice: str) -> int | None:
    if not choice.startswith(CHOICE_ORG_PREFIX):
        return None
    try:
        return int(choice.removeprefix(CHOICE_ORG_PREFIX))
    except ValueError:
        return None


def unit_candidates(organisations: Iterable[Organisation]) -> list[UnitCandidate]:
    from tdc.plans.ingest.matching import UnitCandidate

    return [
        UnitCandidate(
            id=organisation.pk,
            name=organisation.name,
            aliases=tuple(a for a in [organisation.short_name, *organisation.aliases] if a),
        )
        for organisation in organisations
    ]


def duty_unit_names(heading: str) -> list[str]:
    """The bodies a duty heading names ("Sở Công Thương, Thanh tra tỉnh" → two); headings that
    name no body ("Trách nhiệm chung") give none."""
    names = [part for name in split_units(heading) for part in _AND_A_GROUP.split(name)]
    return [name for name in names if starts_new_body(name)]


# Verbs that end a unit's name when the parser ran on into the sentence ("Công an tỉnh phát
# hiện …", "Sở Khoa học và Công nghệ định hướng các cơ quan báo chí …"): a body is never
# named "… phát hiện", so the proposed organisation stops before them.
_VERBS = (
    "phát hiện|định hướng|chủ trì|phối hợp|thực hiện|triển khai|tổ chức|hướng dẫn|kiểm tra|"
    "tăng cường|xây dựng|tham mưu|đề xuất|báo cáo|theo dõi|đôn đốc|chỉ đạo|bố trí|cung cấp|"
    "tuyên truyền|rà soát|nghiên cứu|đẩy mạnh|có trách nhiệm|chịu trách nhiệm|được giao|"
    "căn cứ|quản lý|hỗ trợ|tiếp nhận|xử lý|phổ biến|ban hành|lồng ghép|giám sát"
)
# Case-sensitive: a capitalised word is part of a name ("Chi cục Quản lý thị trường").
_TRAILING_VERB = re.compile(rf"\s+(?:{_VERBS})\b.*$", re.DOTALL)


def unit_without_verb(text: str) -> str:
    """The body's name without the sentence it runs into ("Công an tỉnh phát hiện …" →
    "Công an tỉnh"); the first word always stays."""
    head, _space, rest = text.partition(" ")
    if not rest:
        return text
    cut = _TRAILING_VERB.sub("", " " + rest).strip()
    if not cut:
        return text
    return f"{head} {cut}"


PERIOD_WORDS = {"annual": "hằng năm", "by 2030": "đến năm 2030"}


def period_words(code: str) -> str:
    """A target's period as the preview shows it: "by 2030" → "đến năm 2030"."""
    code = code.strip()
    if code in PERIOD_WORDS:
        return PERIOD_WORDS[code]
    found = re.fullmatch(r"by (\d{4})", code)
    return f"đến năm {found.group(1)}" if found else code


class UnitRegistry:
    """The distinct units of a draft, by canonical key, matched once each."""

    def __init__(self, candidates: Sequence[UnitCandidate], *, auto_accept: bool) -> None:
        self.candidates = candidates
        self.auto_accept = auto_accept
        self.units: dict[str, PreviewUnit] = {}

    def add(self, text: str, *, known: dict[str, PreviewUnit] | None = None) -> None:
        key = canonical_unit_key(text)
        if not key or key in self.units:
            return
        if known is not None and key in known:
            self.units[key] = known[key]
            return
        self.units[key] = self._match(key, text)

    def _match(self, key: str, text: str) -> PreviewUnit:
        collective = collective_kind(text)
        if collective:
            return PreviewUnit(
                key=key,
                text=text,
                collective=collective,
                matched_id=None,
                score=1.0,
                proposed_name="",
                choice=CHOICE_COLLECTIVE,
                new_name="",
                new_kind="",
            )
        from tdc.plans.ingest.matching import match_unit

        name = unit_without_verb(text)
        match = match_unit(name, self.candidates)
        proposed = match.proposed_name or name
        choice = CHOICE_NEW
        if match.candidate_id is not None and (
            not self.auto_accept or match.score >= AUTO_ACCEPT_SCORE
        ):
            choice = organisation_choice(match.candidate_id)
        elif self.auto_accept and _PLURAL.match(text):
            # "các tổ chức công nhận quốc gia" names several bodies: without an officer to
            # decide, keep the text rather than invent one organisation for the group.
            choice = CHOICE_NONE
        return PreviewUnit(
            key=key,
            text=text,
            collective="",
            matched_id=match.candidate_id,
            score=round(float(match.score), 3),
            proposed_name=proposed,
            choice=choice,
            new_name=proposed,
            new_kind=guess_organisation_kind(proposed),
        )

    def collect(
        self, tasks: Iterable[PreviewTask], duties: Iterable[PreviewDuty], **kwargs: Any
    ) -> list[PreviewUnit]:
        for task in tasks:
            for text in [*task["lead"], *task["partners"]]:
                self.add(text, **kwargs)
        for duty in duties:
            for text in duty_unit_names(duty["unit"]):
                self.add(text, **kwargs)
        return list(self.units.values())


def _province_key(name: str) -> str:
    from tdc.accounts.geography import FORMER_PROVINCES

    key = fold(name).strip().removeprefix("tinh ").removeprefix("thanh pho ").strip()
    return FORMER_PROVINCES.get(key, key)


def foreign_locality(locality: str | None, province: Province) -> str | None:
    """The document's locality when it names another province than `province` (successor
    names count as the same: a Trà Vinh plan belongs to Vĩnh Long); None when it is the same
    province or names no province this platform knows."""
    from tdc.accounts.geography import FORMER_PROVINCES

    if not locality:
        return None
    key = _province_key(locality)
    if key == _province_key(province.name):
        return None
    known = {_province_key(p.name) for p in Province.objects.all()}
    known |= set(FORMER_PROVINCES) | set(FORMER_PROVINCES.values())
    return locality if key in known else None


def foreign_province_message(locality: str, province: Province) -> str:
    return _(
        "Văn bản này là kế hoạch của %(locality)s, không phải của %(province)s: không thể nhập "
        "vào %(province)s. Người có quyền với %(locality)s nhập kế hoạch này vào đúng tỉnh, "
        "thành phố đó."
    ) % {"locality": locality, "province": province.name}


def build_preview(parsed: ParsedPlan, *, province: Province, auto_accept: bool = False) -> Preview:
    """The editable preview of a parsed plan, its units matched to the province's bodies."""
    groups: list[PreviewGroup] = []
    group_keys: dict[str | None, str] = {}
    for index, group in enumerate(parsed.task_groups, start=1):
        key = f"g{index}"
        groups.append(PreviewGroup(key=key, number=_clip(group.number, 20), title=group.title))
        group_keys.setdefault(group.number, key)
    tasks = [
        PreviewTask(
            key=f"t{index}",
            group=group_keys.get(task.group),
            number=_clip(task.number, 20),
            content=task.content.strip(),
            lead=[_clip(u, 300) for u in task.lead],
            partners=[_clip(u, 300) for u in task.partners],
            timeline=_clip(task.timeline, 300),
            funding=_clip(task.funding, 300),
            source=task.source,
        )
        for index, task in enumerate(parsed.tasks, start=1)
    ]
    duties = [
        PreviewDuty(unit=_clip(d.unit, 300), count=d.count, items=list(d.items))
        for d in parsed.duties
    ]
    foreign = foreign_locality(parsed.locality, province)
    # Another province's plan is never matched against this province's bodies.
    candidates = [] if foreign else unit_candidates(matching_candidates(province))
    registry = UnitRegistry(candidates, auto_accept=auto_accept)
    deadlines = []
    for deadline in parsed.reporting_deadlines:
        day, month = _day_month(deadline.day_month)
        deadlines.append(
            PreviewDeadline(
                who=_clip(deadline.who, 300),
                to=_clip(deadline.to, 300),
                day=day,
                month=month,
                recurrence=_recurrence(deadline.recurrence),
                text=deadline.text,
            )
        )
    preview = Preview(
        version=PREVIEW_VERSION,
        header=PreviewHeader(
            issuer=_clip(parsed.issuer, 300),
            locality=_clip(parsed.locality, 100),
            title=(parsed.title or "").strip(),
            doc_number=_clip(parsed.doc_number, 100),
            doc_date=parsed.doc_date,
            year=_iso_year(parsed.doc_date),
            references=list(parsed.references),
        ),
        groups=groups,
        tasks=tasks,
        units=registry.collect(tasks, duties),
        duties=duties,
        targets=[
            PreviewTarget(
                text=t.text,
                value=_decimal_text(t.value),
                unit=_clip(t.unit, 60),
                comparator=_comparator(t.comparator),
                period=_clip(period_words(t.period or ""), 40),
                metric_key=suggested_metric(t.text, _clip(t.unit, 60)),
            )
            for t in parsed.targets
        ],
        deadlines=deadlines,
        notes=list(parsed.notes),
        next_key=len(tasks) + 1,
    )
    from tdc.plans.queries.proposals import add_proposals, owner_name

    if foreign:
        preview["foreign_locality"] = foreign
        preview["notes"].insert(0, foreign_province_message(foreign, province))

    add_proposals(preview, owner_name=owner_name(province))
    return preview


def parse_upload(data: bytes, filename: str) -> ParsedPlan:
    try:
        return parse_document(data, filename)
    except PlanParseError as error:
        raise ValidationError(error.message, code=error.code) from error


def existing_plan(province: Province, digest: str) -> Plan | None:
    return Plan.objects.filter(province=province, source_hash=digest).first()

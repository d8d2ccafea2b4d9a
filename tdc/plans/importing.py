"""Plan import: a document becomes a draft (the preview), the officer corrects it, and
confirming it stores the plan in one transaction.

Responsibilities:

* `create_import_draft` reads an upload (duplicate check by SHA-256 per province, then the
  parser) and stores the editable preview in a `PlanImportDraft`;
* `build_preview` turns a `ParsedPlan` into that preview, matching every unit named by a task
  or a duty to an organisation of the province with a confidence score; collective names
  ("UBND các xã, phường, đặc khu") become collective mentions; a unit that matches nothing is
  proposed as a new organisation, never dropped;
* `apply_draft_corrections` writes the officer's corrections into the draft;
* `confirm_import_draft` (web) and `import_plan_document` (command line, demo: no preview, the
  parser's matches accepted) create Plan, groups, tasks, units, duties, targets, deadlines and
  the confirmed new organisations atomically, with an audit record.

The preview is plain JSON (see `Preview`): it survives between requests in the draft row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdc.accounts.models import Organisation, Province, User
from tdc.accounts.queries import dost_of_province
from tdc.accounts.services import create_organisation
from tdc.core.audit import record
from tdc.plans.assignments import assign_plan
from tdc.plans.document_queries import matching_candidates
from tdc.plans.ingest import ParsedPlan, PlanParseError, parse_document
from tdc.plans.ingest.units import (
    canonical_unit_key,
    is_collective_unit,
    split_units,
    starts_new_body,
)
from tdc.plans.models import (
    Duty,
    Plan,
    PlanImportDraft,
    ReportingDeadline,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
)

if TYPE_CHECKING:
    from tdc.plans.ingest.matching import UnitCandidate

PREVIEW_VERSION = 1
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

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


# --- The preview (JSON stored in PlanImportDraft.parsed) -------------------------------------


class PreviewHeader(TypedDict):
    issuer: str
    locality: str
    title: str
    doc_number: str
    doc_date: str | None  # ISO yyyy-mm-dd
    year: int | None
    references: list[str]


class PreviewGroup(TypedDict):
    key: str
    number: str
    title: str


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


class PreviewDeadline(TypedDict):
    who: str
    to: str
    day: int
    month: int
    recurrence: str
    text: str


class Preview(TypedDict):
    version: int
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


# --- Errors -------------------------------------------------------------------------------------


class PlanAlreadyImported(ValidationError):
    """The same file (same SHA-256) was already imported into this province."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(
            _("Tệp này đã được nhập trước đây thành kế hoạch “%(title)s”.")
            % {"title": plan.title[:160]},
            code="duplicate",
        )
        self.plan = plan


# --- Small helpers ------------------------------------------------------------------------------


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


def is_national_body(name: str) -> bool:
    """A central body ("Bộ KH&CN", "Ủy ban TCĐLCL Quốc gia") that belongs to no province."""
    key = canonical_unit_key(name).replace("đ", "d")
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


def _candidates(organisations: Iterable[Organisation]) -> list[UnitCandidate]:
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


# --- Building the preview -------------------------------------------------------------------


class _UnitRegistry:
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

        match = match_unit(text, self.candidates)
        proposed = match.proposed_name or text
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
    registry = _UnitRegistry(_candidates(matching_candidates(province)), auto_accept=auto_accept)
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
    return Preview(
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
                period=_clip(t.period, 40),
            )
            for t in parsed.targets
        ],
        deadlines=deadlines,
        notes=list(parsed.notes),
        next_key=len(tasks) + 1,
    )


def _parse(data: bytes, filename: str) -> ParsedPlan:
    try:
        return parse_document(data, filename)
    except PlanParseError as error:
        raise ValidationError(error.message, code=error.code) from error


def _existing_plan(province: Province, digest: str) -> Plan | None:
    return Plan.objects.filter(province=province, source_hash=digest).first()


def _stored_name(filename: str) -> str:
    return get_valid_filename(PurePath(filename).name) or "ke-hoach"


def create_import_draft(
    province: Province, *, data: bytes, filename: str, by: User
) -> PlanImportDraft:
    """Read an uploaded plan document into a pending draft.

    Raises PlanAlreadyImported when this file is already a plan of the province, and
    ValidationError (the parser's Vietnamese message) when it cannot be read as a plan; in both
    cases nothing is written. The document is parsed before the transaction opens.
    """
    digest = file_hash(data)
    existing = _existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    preview = build_preview(_parse(data, filename), province=province)
    with transaction.atomic():
        draft = PlanImportDraft(
            province=province,
            uploaded_by=by,
            source_filename=PurePath(filename).name[:255],
            source_hash=digest,
            parsed=preview,
        )
        draft.full_clean(exclude=["source_file"])
        draft.source_file.save(_stored_name(filename), ContentFile(data), save=False)
        draft.save()
        record(
            actor=by,
            action="plan_import.draft_created",
            target=draft,
            data={
                "province": province.pk,
                "source_hash": digest,
                "groups": len(preview["groups"]),
                "tasks": len(preview["tasks"]),
                "units": len(preview["units"]),
            },
        )
    return draft


# --- Corrections ----------------------------------------------------------------------------


@dataclass
class TaskCorrection:
    """A task as the officer left it; an empty key is a task the officer added."""

    key: str
    group: str | None
    number: str
    content: str
    lead: list[str]
    partners: list[str]
    timeline: str
    funding: str


@dataclass
class UnitCorrection:
    key: str
    choice: str
    new_name: str = ""
    new_kind: str = ""


@dataclass
class DraftCorrections:
    """Everything the preview page lets an officer change (shape checked by the forms)."""

    header: PreviewHeader
    groups: list[PreviewGroup]
    tasks: list[TaskCorrection]
    units: list[UnitCorrection] = field(default_factory=list)
    targets: list[PreviewTarget] = field(default_factory=list)
    deadlines: list[PreviewDeadline] = field(default_factory=list)


def _check_unit_choice(unit: PreviewUnit, allowed_ids: set[int]) -> None:
    choice = unit["choice"]
    if choice == CHOICE_COLLECTIVE and not unit["collective"]:
        raise ValidationError(
            _("“%(unit)s” không phải là một nhóm đơn vị.") % {"unit": unit["text"]}
        )
    if choice == CHOICE_NEW and not unit["new_name"].strip():
        raise ValidationError(
            _("Hãy nhập tên cơ quan mới cho “%(unit)s”.") % {"unit": unit["text"]}
        )
    organisation_id = chosen_organisation_id(choice)
    if choice.startswith(CHOICE_ORG_PREFIX) and organisation_id not in allowed_ids:
        raise ValidationError(
            _("Cơ quan được chọn cho “%(unit)s” không thuộc tỉnh của kế hoạch.")
            % {"unit": unit["text"]}
        )
    if choice not in (CHOICE_NEW, CHOICE_NONE, CHOICE_COLLECTIVE) and organisation_id is None:
        raise ValidationError(_("Lựa chọn cơ quan không hợp lệ."))


@transaction.atomic
def apply_draft_corrections(
    draft: PlanImportDraft, *, corrections: DraftCorrections, by: User
) -> PlanImportDraft:
    """Write the officer's corrections into the draft; units named for the first time (in an
    edited or added task) are matched like the parser's."""
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý, không thể sửa nữa."))
    preview = preview_of(draft)
    known = {unit["key"]: unit for unit in preview["units"]}
    for unit_correction in corrections.units:
        unit = known.get(unit_correction.key)
        if unit is None:
            continue
        unit["choice"] = unit_correction.choice
        unit["new_name"] = unit_correction.new_name.strip()
        unit["new_kind"] = unit_correction.new_kind or guess_organisation_kind(
            unit_correction.new_name
        )

    group_keys = {group["key"] for group in corrections.groups}
    next_key = preview["next_key"]
    tasks: list[PreviewTask] = []
    sources = {task["key"]: task["source"] for task in preview["tasks"]}
    added = 0
    for correction in corrections.tasks:
        key = correction.key if correction.key in sources else ""
        if not key:
            key = f"t{next_key}"
            next_key += 1
            added += 1
        tasks.append(
            PreviewTask(
                key=key,
                group=correction.group if correction.group in group_keys else None,
                number=correction.number.strip(),
                content=correction.content.strip(),
                lead=[u.strip() for u in correction.lead if u.strip()],
                partners=[u.strip() for u in correction.partners if u.strip()],
                timeline=correction.timeline.strip(),
                funding=correction.funding.strip(),
                source=sources.get(key, "manual"),
            )
        )

    candidates = list(matching_candidates(draft.province))
    registry = _UnitRegistry(_candidates(candidates), auto_accept=False)
    units = registry.collect(tasks, preview["duties"], known=known)
    allowed = {organisation.pk for organisation in candidates}
    for unit in units:
        _check_unit_choice(unit, allowed)

    removed = sorted(set(sources) - {task["key"] for task in tasks})
    preview["header"] = corrections.header
    preview["groups"] = corrections.groups
    preview["tasks"] = tasks
    preview["units"] = units
    preview["targets"] = corrections.targets
    preview["deadlines"] = corrections.deadlines
    preview["next_key"] = next_key
    draft.parsed = preview
    draft.save(update_fields=["parsed", "updated_at"])
    record(
        actor=by,
        action="plan_import.draft_corrected",
        target=draft,
        data={"tasks": len(tasks), "tasks_added": added, "tasks_removed": removed},
    )
    return draft


@transaction.atomic
def discard_import_draft(draft: PlanImportDraft, *, by: User) -> PlanImportDraft:
    """Give up a pending draft; the plan is not imported."""
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý."))
    draft.status = PlanImportDraft.Status.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    record(actor=by, action="plan_import.draft_discarded", target=draft)
    return draft


# --- Storing the plan -----------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import created, for the command line and the demo to report."""

    plan: Plan
    organisations_created: list[Organisation]
    matched: list[tuple[str, Organisation, float]]
    collective: list[tuple[str, str]]
    unlinked: list[str]


def _resolve_units(
    preview: Preview, *, province: Province, by: User | None
) -> tuple[dict[str, tuple[Organisation | None, str, float]], ImportResult]:
    """Organisation (or collective kind) and confidence per unit key; creates confirmed new
    organisations (one per name: two spellings proposing one name give one body)."""
    candidates = {o.pk: o for o in matching_candidates(province)}
    existing_by_name = {o.name: o for o in Organisation.objects.filter(province=province)}
    result = ImportResult(
        plan=Plan(), organisations_created=[], matched=[], collective=[], unlinked=[]
    )
    resolved: dict[str, tuple[Organisation | None, str, float]] = {}
    for unit in preview["units"]:
        _check_unit_choice(unit, set(candidates))
        choice = unit["choice"]
        if choice == CHOICE_COLLECTIVE:
            resolved[unit["key"]] = (None, unit["collective"], 1.0)
            result.collective.append((unit["text"], unit["collective"]))
        elif choice == CHOICE_NONE:
            resolved[unit["key"]] = (None, "", 0.0)
            result.unlinked.append(unit["text"])
        elif choice == CHOICE_NEW:
            name = unit["new_name"].strip()
            national = is_national_body(name)
            organisation = existing_by_name.get(name)
            if organisation is None and national:
                organisation = Organisation.objects.filter(province=None, name=name).first()
            if organisation is None:
                aliases = [unit["text"]] if unit["text"] != name else []
                organisation = create_organisation(
                    name=name,
                    kind=unit["new_kind"] or guess_organisation_kind(name),
                    # Central bodies belong to no province: they take no provincial
                    # assignment and are shared by every province's plans.
                    province=None if national else province,
                    by=by,
                    aliases=aliases,
                )
                existing_by_name[name] = organisation
                result.organisations_created.append(organisation)
            resolved[unit["key"]] = (organisation, "", 1.0)
        else:
            organisation_id = chosen_organisation_id(choice)
            organisation = candidates[cast(int, organisation_id)]
            accepted = organisation_id == unit["matched_id"]
            confidence = unit["score"] if accepted else 1.0
            resolved[unit["key"]] = (organisation, "", confidence)
            result.matched.append((unit["text"], organisation, confidence))
    return resolved, result


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise ValidationError(_("Ngày ban hành không hợp lệ.")) from error


def _store_plan(
    preview: Preview,
    *,
    province: Province,
    data: bytes,
    filename: str,
    digest: str,
    by: User | None,
) -> ImportResult:
    """Create the plan and everything in it; the caller holds the transaction."""
    existing = _existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    if not preview["tasks"]:
        raise ValidationError(_("Kế hoạch phải có ít nhất một nhiệm vụ."))
    resolved, result = _resolve_units(preview, province=province, by=by)
    owner = dost_of_province(province.pk)
    if owner is None:
        raise ValidationError(
            _(
                "%(province)s chưa có Sở Khoa học và Công nghệ trong danh sách cơ quan: "
                "hãy thêm cơ quan này trước khi nhập kế hoạch."
            )
            % {"province": province.name}
        )
    header = preview["header"]
    plan = Plan(
        province=province,
        owner=owner,
        issuer=header["issuer"],
        locality=header["locality"],
        title=header["title"],
        doc_number=header["doc_number"],
        doc_date=_parse_date(header["doc_date"]),
        year=header["year"],
        references=list(header["references"]),
        source_filename=PurePath(filename).name[:255],
        source_hash=digest,
        created_by=by,
    )
    plan.full_clean(exclude=["source_file"])
    plan.source_file.save(_stored_name(filename), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:  # the same file imported meanwhile by someone else
        raise PlanAlreadyImported(
            Plan.objects.get(province=province, source_hash=digest)
        ) from error

    groups: dict[str, TaskGroup] = {}
    for position, group_data in enumerate(preview["groups"]):
        group = TaskGroup(
            plan=plan, number=group_data["number"], title=group_data["title"], position=position
        )
        group.full_clean()
        group.save()
        groups[group_data["key"]] = group

    unit_rows: list[TaskUnit] = []
    for position, task_data in enumerate(preview["tasks"]):
        task = Task(
            plan=plan,
            group=groups.get(task_data["group"] or ""),
            number=task_data["number"],
            content=task_data["content"],
            timeline=task_data["timeline"],
            funding=task_data["funding"],
            position=position,
        )
        task.full_clean()
        task.save()
        for role, texts in (
            (TaskUnit.Role.LEAD, task_data["lead"]),
            (TaskUnit.Role.PARTNER, task_data["partners"]),
        ):
            for unit_position, text in enumerate(texts):
                organisation, collective, confidence = resolved.get(
                    canonical_unit_key(text), (None, "", 0.0)
                )
                unit = TaskUnit(
                    task=task,
                    role=role,
                    text=text,
                    organisation=organisation,
                    collective=collective,
                    confidence=confidence,
                    position=unit_position,
                )
                unit.full_clean()
                unit_rows.append(unit)
    TaskUnit.objects.bulk_create(unit_rows)

    for position, duty_data in enumerate(preview["duties"]):
        names = duty_unit_names(duty_data["unit"])
        single = resolved.get(canonical_unit_key(names[0])) if len(names) == 1 else None
        duty = Duty(
            plan=plan,
            unit=duty_data["unit"],
            organisation=single[0] if single else None,
            count=duty_data["count"],
            content="\n".join(duty_data["items"]),
            position=position,
        )
        duty.full_clean()
        duty.save()

    for position, target_data in enumerate(preview["targets"]):
        target = Target(
            plan=plan,
            text=target_data["text"],
            value=Decimal(target_data["value"]),
            unit=target_data["unit"],
            comparator=target_data["comparator"],
            period=target_data["period"],
            position=position,
        )
        target.full_clean()
        target.save()

    for position, deadline_data in enumerate(preview["deadlines"]):
        deadline = ReportingDeadline(
            plan=plan,
            who=deadline_data["who"],
            to=deadline_data["to"],
            day=deadline_data["day"],
            month=deadline_data["month"],
            recurrence=deadline_data["recurrence"],
            position=position,
        )
        deadline.full_clean()
        deadline.save()

    record(
        actor=by,
        action="plan.imported",
        target=plan,
        data={
            "source_filename": plan.source_filename,
            "source_hash": digest,
            "groups": len(groups),
            "tasks": len(preview["tasks"]),
            "task_units": len(unit_rows),
            "targets": len(preview["targets"]),
            "reporting_deadlines": len(preview["deadlines"]),
            "duties": len(preview["duties"]),
            "organisations_created": [o.pk for o in result.organisations_created],
        },
        organisation_id=owner.pk,
    )
    assign_plan(plan, by=by)
    result.plan = plan
    return result


@transaction.atomic
def confirm_import_draft(
    draft: PlanImportDraft, *, by: User, corrections: DraftCorrections | None = None
) -> Plan:
    """Apply the last corrections (if any) and store the draft as a plan, all or nothing."""
    draft = PlanImportDraft.objects.select_for_update().select_related("province").get(pk=draft.pk)
    if draft.status != PlanImportDraft.Status.PENDING:
        raise ValidationError(_("Bản nháp này đã được xử lý."))
    if corrections is not None:
        apply_draft_corrections(draft, corrections=corrections, by=by)
    draft.source_file.open("rb")
    try:
        data = draft.source_file.read()
    finally:
        draft.source_file.close()
    result = _store_plan(
        preview_of(draft),
        province=draft.province,
        data=data,
        filename=draft.source_filename,
        digest=draft.source_hash,
        by=by,
    )
    draft.status = PlanImportDraft.Status.IMPORTED
    draft.plan = result.plan
    draft.save(update_fields=["status", "plan", "updated_at"])
    return result.plan


def import_plan_document(
    province: Province,
    *,
    data: bytes,
    filename: str,
    by: User | None,
    year: int | None = None,
) -> ImportResult:
    """Store a document as a plan without a preview (command line, demo): matches scoring at
    least AUTO_ACCEPT_SCORE are accepted, the other units become new organisations. The
    document is parsed before the transaction opens; the rest is all or nothing."""
    digest = file_hash(data)
    existing = _existing_plan(province, digest)
    if existing is not None:
        raise PlanAlreadyImported(existing)
    preview = build_preview(_parse(data, filename), province=province, auto_accept=True)
    if year is not None:
        preview["header"]["year"] = year
    # Without an officer to fill them in, say plainly what the document leaves out.
    preview["header"]["title"] = preview["header"]["title"] or PurePath(filename).stem
    for deadline in preview["deadlines"]:
        deadline["who"] = deadline["who"] or _("(không nêu trong văn bản)")
        deadline["to"] = deadline["to"] or _("(không nêu trong văn bản)")
    with transaction.atomic():
        return _store_plan(
            preview, province=province, data=data, filename=filename, digest=digest, by=by
        )

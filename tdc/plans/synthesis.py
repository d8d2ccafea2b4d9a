"""The synthesis report: DoST's yearly (or periodic) report to the People's Committee, as a
Decree 30 DOCX with an XLSX annex, built from the accepted agency reports and the indicators.

It can start before every agency has reported: agencies whose reports have not arrived are
listed by name, and reports not yet accepted are counted, never silently left out. A draft is
edited freely and its figures refreshed; finalising stores the files and the snapshot and
freezes both. An agency exports its own report for a period in the same format.

The documents are Vietnamese administrative texts whatever the interface language, so their
wording is not translated.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.core.audit import changes_between, record, snapshot
from tdc.core.text import fold
from tdc.plans.access import is_report_owner, require_officer
from tdc.plans.assignments import assignments_by_task, combined_task_status
from tdc.plans.indicators import indicator_progress
from tdc.plans.models import (
    Assignment,
    ExplanationRequest,
    Indicator,
    Plan,
    ProgressReport,
    ReportingPeriod,
    Synthesis,
    Task,
    TaskUnit,
)
from tdc.plans.reporting import figures_text
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature, number_line, place_and_date
from tdc.reports.xlsx import Sheet, workbook_bytes

State = ProgressReport.State
Kind = ReportingPeriod.Kind
EDITABLE_FIELDS = (
    "doc_number",
    "symbol",
    "doc_date",
    "place",
    "parent_body",
    "issuing_body",
    "subject",
    "addressee",
    "intro",
    "assessment",
    "difficulties",
    "next_tasks",
    "proposals",
    "closing",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
DEFAULT_RECIPIENTS = "Như trên\nBộ Khoa học và Công nghệ (báo cáo)\nBan Giám đốc Sở\nLưu: VT, TĐC"


# --- Wording ---------------------------------------------------------------------------------


def province_phrase(plan: Plan) -> str:
    """'tỉnh Khánh Hòa' or 'thành phố Huế'."""
    name = plan.province.name
    if name.startswith("Thành phố "):
        return "thành phố " + name.removeprefix("Thành phố ")
    return "tỉnh " + name.removeprefix("Tỉnh ")


def period_phrase(period: ReportingPeriod) -> str:
    if period.kind == Kind.ANNUAL:
        return f"năm {period.year}"
    if period.kind == Kind.SEMIANNUAL:
        return f"6 tháng {'đầu' if period.number == 1 else 'cuối'} năm {period.year}"
    if period.kind == Kind.QUARTERLY:
        return f"quý {ROMAN[period.number]} năm {period.year}"
    return period.title[:1].lower() + period.title[1:]


def plan_reference(plan: Plan) -> str:
    """'Kế hoạch số 45/KH-UBND ngày 05/3/2026 của UBND tỉnh Khánh Hòa', or the plan's title."""
    core = re.sub(r"^(KẾ HOẠCH|Kế hoạch)\s+", "", plan.title.strip())
    if plan.doc_number:
        date = f" ngày {plan.doc_date:%d/%m/%Y}" if plan.doc_date else ""
        issuer = f" của {plan.issuer}" if plan.issuer else ""
        return f"Kế hoạch số {plan.doc_number}{date}{issuer}"
    return f"Kế hoạch {core[:1].lower()}{core[1:]}"


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name) if w and fold(w) not in ("va", "tinh")]
    return "".join(fold(w)[0].upper() for w in words if fold(w)[:1].isalnum())[:8] or "CQ"


# --- Collecting the figures --------------------------------------------------------------------


def _units(task: Task, assignments: list[Assignment], role: str) -> str:
    named = [unit.text for unit in task.units.all() if unit.role == role]
    if named:
        return "; ".join(named)
    return "; ".join(a.organisation.name for a in assignments if a.role == role)


def _result_line(report: ProgressReport) -> dict[str, Any]:
    return {
        "organisation": report.organisation.name,
        "progress": str(report.get_progress_display()),
        "percent": report.percent,
        "results": report.results,
        "figures": figures_text(report.figures),
    }


def collect_synthesis_data(
    period: ReportingPeriod, *, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the synthesis says, as plain data (stored as the snapshot when finalised)."""
    today = today or timezone.localdate()
    plan = period.plan
    tasks = list(
        Task.objects.filter(plan=plan, is_active=True)
        .select_related("group")
        .prefetch_related("units")
        .order_by("position", "pk")
    )
    grouped = assignments_by_task(task.pk for task in tasks)
    reports = list(
        ProgressReport.objects.expected()
        .filter(period=period)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    by_task: dict[int, list[ProgressReport]] = defaultdict(list)
    task_of_assignment = {a.pk: task for task in tasks for a in grouped.get(task.pk, [])}
    for report in reports:
        task = task_of_assignment.get(report.assignment_id)
        if task is not None:
            by_task[task.pk].append(report)
    groups: dict[str, dict[str, Any]] = {}
    for task in tasks:
        label = f"{task.group.number}. {task.group.title}" if task.group else ""
        group = groups.setdefault(
            label, {"label": label, "title": task.group.title if task.group else "", "tasks": []}
        )
        own = by_task.get(task.pk, [])
        accepted = [r for r in own if r.state == State.ACCEPTED]
        status = combined_task_status(task, grouped.get(task.pk, []), today)
        group["tasks"].append(
            {
                "number": task.number,
                "content": task.content,
                "timeline": task.timeline,
                "lead": _units(task, grouped.get(task.pk, []), TaskUnit.Role.LEAD),
                "partners": _units(task, grouped.get(task.pk, []), TaskUnit.Role.PARTNER),
                "status": str(status.value),
                "status_label": str(status.label),
                "results": [_result_line(r) for r in accepted],
                "expected": len(own),
                "accepted": len(accepted),
            }
        )
    organisations: dict[str, dict[str, Any]] = {}
    missing: dict[str, list[str]] = defaultdict(list)
    in_review = []
    difficulties = []
    proposals = []
    numbers = {a.pk: (task.number or "—") for task in tasks for a in grouped.get(task.pk, [])}
    for report in reports:
        row = organisations.setdefault(
            report.organisation.name,
            {
                "name": report.organisation.name,
                "expected": 0,
                "arrived": 0,
                "on_time": 0,
                "accepted": 0,
            },
        )
        row["expected"] += 1
        number = numbers.get(report.assignment_id, "—")
        if report.first_submitted_at is None:
            missing[report.organisation.name].append(number)
            continue
        row["arrived"] += 1
        row["on_time"] += int(report.first_submitted_at <= period.on_time_cutoff)
        if report.state == State.ACCEPTED:
            row["accepted"] += 1
            if report.difficulties:
                difficulties.append(
                    {
                        "organisation": report.organisation.name,
                        "task": number,
                        "text": report.difficulties,
                    }
                )
            if report.proposals:
                proposals.append(
                    {
                        "organisation": report.organisation.name,
                        "task": number,
                        "text": report.proposals,
                    }
                )
        else:
            in_review.append(
                {
                    "organisation": report.organisation.name,
                    "task": number,
                    "state": str(report.get_state_display()),
                }
            )
    indicators = []
    for indicator in (
        Indicator.objects.filter(plan=plan).prefetch_related("values").order_by("position", "pk")
    ):
        values = list(indicator.values.all())
        progress = indicator_progress(indicator, values)
        indicators.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "comparator": str(indicator.get_comparator_display()),
                "target": _decimal(indicator.target_value),
                "deadline": indicator.deadline.strftime("%d/%m/%Y"),
                "actual": _decimal(progress.actual),
                "as_of": progress.as_of.strftime("%d/%m/%Y") if progress.as_of else "",
                "status": str(progress.status.label),
            }
        )
    explanations = [
        {
            "organisation": e.organisation.name,
            "answered": e.is_answered,
            "response": e.response,
        }
        for e in ExplanationRequest.objects.filter(period=period).select_related("organisation")
    ]
    totals = {
        "expected": len(reports),
        "arrived": sum(1 for r in reports if r.first_submitted_at is not None),
        "on_time": sum(
            1
            for r in reports
            if r.first_submitted_at is not None and r.first_submitted_at <= period.on_time_cutoff
        ),
        "accepted": sum(1 for r in reports if r.state == State.ACCEPTED),
        "in_review": len(in_review),
    }
    totals["missing"] = totals["expected"] - totals["arrived"]
    return {
        "as_of": today.isoformat(),
        "plan": {"title": plan.title, "reference": plan_reference(plan)},
        "period": {
            "title": period.title,
            "phrase": period_phrase(period),
            "deadline": period.deadline.isoformat(),
        },
        "totals": totals,
        "groups": list(groups.values()),
        "organisations": sorted(organisations.values(), key=lambda r: r["name"]),
        "missing": [
            {"organisation": name, "tasks": numbers_} for name, numbers_ in sorted(missing.items())
        ],
        "in_review": in_review,
        "indicators": indicators,
        "difficulties": difficulties,
        "proposals": proposals,
        "explanations": explanations,
    }


def _decimal(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- The synthesis record -------------------------------------------------------------------------


@transaction.atomic
def start_synthesis(period: ReportingPeriod, *, by: User) -> Synthesis:
    """Open (or return) the draft synthesis for a period, with figures as of today."""
    require_officer(by, period.plan)
    existing = Synthesis.objects.filter(period=period).first()
    if existing is not None:
        return existing
    plan = period.plan
    phrase = period_phrase(period)
    province = province_phrase(plan)
    synthesis = Synthesis(
        period=period,
        doc_date=timezone.localdate(),
        place=plan.province.short_name,
        parent_body=f"UBND {province}",
        issuing_body=plan.owner.name,
        symbol="BC-SKHCN",
        subject=f"Kết quả thực hiện {plan_reference(plan)} {phrase}",
        addressee=f"Ủy ban nhân dân {province}",
        intro=(
            f"Thực hiện {plan_reference(plan)}, {plan.owner.name} báo cáo kết quả thực hiện "
            f"Kế hoạch {phrase} như sau (chi tiết tại Phụ lục kèm theo):"
        ),
        closing=(
            f"Trên đây là báo cáo kết quả thực hiện Kế hoạch {phrase} của {plan.owner.name}, "
            f"kính báo cáo Ủy ban nhân dân {province} xem xét, chỉ đạo./."
        ),
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        recipients=DEFAULT_RECIPIENTS,
        snapshot=collect_synthesis_data(period),
        snapshot_at=timezone.now(),
        created_by=by,
    )
    synthesis.full_clean()
    synthesis.save()
    record(
        actor=by,
        action="synthesis.started",
        target=synthesis,
        data={"period": period.pk, "totals": synthesis.snapshot["totals"]},
        organisation_id=plan.owner_id,
    )
    return synthesis


def _require_draft(synthesis: Synthesis) -> None:
    if synthesis.is_final:
        raise ValidationError(_("Báo cáo tổng hợp đã hoàn thành nên không sửa được."))


@transaction.atomic
def refresh_synthesis(synthesis: Synthesis, *, by: User) -> Synthesis:
    """Bring the draft's figures up to date with the reports and indicators."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    synthesis.snapshot = collect_synthesis_data(synthesis.period)
    synthesis.snapshot_at = timezone.now()
    synthesis.save(update_fields=["snapshot", "snapshot_at", "updated_at"])
    Synthesis.objects.filter(pk=synthesis.pk).update(version=F("version") + 1)
    synthesis.refresh_from_db(fields=["version"])
    record(
        actor=by,
        action="synthesis.refreshed",
        target=synthesis,
        data={"totals": synthesis.snapshot["totals"]},
        organisation_id=synthesis.period.plan.owner_id,
    )
    return synthesis


@transaction.atomic
def update_synthesis(synthesis: Synthesis, *, by: User, version: int, **values: Any) -> Synthesis:
    """Edit the draft's wording; a stale version is refused so no edit is silently lost."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    before = snapshot(synthesis, EDITABLE_FIELDS)
    for field, value in values.items():
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"Unknown synthesis field {field!r}")
        setattr(synthesis, field, value.strip() if isinstance(value, str) else value)
    synthesis.full_clean()
    changed = {f: getattr(synthesis, f) for f in EDITABLE_FIELDS}
    updated = Synthesis.objects.filter(
        pk=synthesis.pk, version=version, status=Synthesis.Status.DRAFT
    ).update(**changed, version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise ValidationError(
            _(
                "Bản nháp vừa được người khác cập nhật sau khi anh/chị mở trang. Nội dung anh/chị "
                "nhập chưa được lưu: hãy sao chép lại, tải lại trang rồi cập nhật."
            )
        )
    synthesis.refresh_from_db()
    changes = changes_between(before, snapshot(synthesis, EDITABLE_FIELDS))
    if changes:
        record(
            actor=by,
            action="synthesis.updated",
            target=synthesis,
            data={"changes": changes},
            organisation_id=synthesis.period.plan.owner_id,
        )
    return synthesis


@transaction.atomic
def finalise_synthesis(synthesis: Synthesis, *, by: User) -> Synthesis:
    """Freeze the synthesis: refresh its figures one last time, store the DOCX and XLSX."""
    require_officer(by, synthesis.period.plan)
    _require_draft(synthesis)
    errors = {}
    if not synthesis.doc_number.strip():
        errors["doc_number"] = _("Cần nhập số văn bản trước khi hoàn thành.")
    if not synthesis.signer_name.strip():
        errors["signer_name"] = _("Cần nhập họ tên người ký trước khi hoàn thành.")
    if errors:
        raise ValidationError(errors)
    synthesis.snapshot = collect_synthesis_data(synthesis.period)
    synthesis.snapshot_at = timezone.now()
    slug = f"bao-cao-tong-hop-{synthesis.period_id}-{synthesis.doc_number.strip()}"
    synthesis.docx.save(f"{slug}.docx", ContentFile(synthesis_docx(synthesis)), save=False)
    synthesis.xlsx.save(f"{slug}-phu-luc.xlsx", ContentFile(synthesis_xlsx(synthesis)), save=False)
    synthesis.status = Synthesis.Status.FINAL
    synthesis.finalised_at = timezone.now()
    synthesis.finalised_by = by
    synthesis.version += 1
    synthesis.save()
    record(
        actor=by,
        action="synthesis.finalised",
        target=synthesis,
        data={
            "number": number_line(synthesis.doc_number, synthesis.symbol),
            "totals": synthesis.snapshot["totals"],
        },
        organisation_id=synthesis.period.plan.owner_id,
    )
    return synthesis


# --- Writing the documents --------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _task_point(task: dict[str, Any]) -> str:
    number = f"Nhiệm vụ {task['number']}" if task["number"] else "Nhiệm vụ"
    lead = f" (chủ trì: {task['lead']})" if task["lead"] else ""
    head = f"{number}{lead}: {_first_sentence(task['content'])} — {task['status_label'].lower()}."
    if not task["results"]:
        return head + " Chưa có báo cáo được Sở tiếp nhận."
    parts = []
    for line in task["results"]:
        figures = f" ({line['figures'].replace(chr(10), '; ')})" if line["figures"] else ""
        parts.append(f"{line['organisation']}: {line['results']}{figures}")
    return head + " " + " ".join(p if p.endswith(".") else p + "." for p in parts)


def _first_sentence(text: str, limit: int = 160) -> str:
    cut = text.strip()
    if len(cut) <= limit:
        return cut.rstrip(".")
    return cut[:limit].rsplit(" ", 1)[0] + "…"


def synthesis_docx(synthesis: Synthesis) -> bytes:
    """The synthesis as a Decree 30 DOCX, from its wording and its snapshot."""
    data = synthesis.snapshot
    document = Nd30Document(
        Letterhead(
            parent_body=synthesis.parent_body,
            issuing_body=synthesis.issuing_body,
            number=synthesis.doc_number,
            symbol=synthesis.symbol,
            place=synthesis.place,
            date=synthesis.doc_date,
        ),
        subject=synthesis.subject,
        addressees=[synthesis.addressee] if synthesis.addressee else [],
    )
    document.paragraph(synthesis.intro)
    document.heading("I. TÌNH HÌNH TRIỂN KHAI VÀ KẾT QUẢ THỰC HIỆN")
    for line in _lines(synthesis.assessment):
        document.paragraph(line)
    for index, group in enumerate(data.get("groups", []), start=1):
        if group["title"]:
            document.subheading(f"{index}. {group['title']}")
        document.points(_task_point(task) for task in group["tasks"])
    _reporting_section(document, data)
    document.heading("III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if data.get("indicators"):
        document.bullets(
            f"{item['name']}: mục tiêu {item['comparator']} {item['target']}{_unit(item['unit'])} "
            f"đến {item['deadline']}; "
            + (
                f"thực hiện {item['actual']}{_unit(item['unit'])} (đến {item['as_of']}) — {item['status'].lower()}."
                if item["actual"]
                else "chưa có số liệu."
            )
            for item in data["indicators"]
        )
    else:
        document.paragraph("Kế hoạch không đặt chỉ tiêu định lượng.")
    document.heading("IV. KHÓ KHĂN, VƯỚNG MẮC")
    for line in _lines(synthesis.difficulties):
        document.paragraph(line)
    document.bullets(
        f"{d['organisation']} (nhiệm vụ {d['task']}): {d['text']}"
        for d in data.get("difficulties", [])
    )
    if not synthesis.difficulties and not data.get("difficulties"):
        document.paragraph("Các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc.")
    section = "V"
    if synthesis.next_tasks.strip():
        document.heading("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")
        for line in _lines(synthesis.next_tasks):
            document.paragraph(line)
        section = "VI"
    document.heading(f"{section}. KIẾN NGHỊ, ĐỀ XUẤT")
    for line in _lines(synthesis.proposals):
        document.paragraph(line)
    document.bullets(f"{p['organisation']}: {p['text']}" for p in data.get("proposals", []))
    if not synthesis.proposals and not data.get("proposals"):
        document.paragraph("Không có kiến nghị, đề xuất.")
    authority = (
        [synthesis.signer_authority, synthesis.signer_title]
        if synthesis.signer_authority
        else [synthesis.signer_title]
    )
    document.finish(
        synthesis.closing,
        Signature(
            authority=authority, name=synthesis.signer_name, recipients=_lines(synthesis.recipients)
        ),
    )
    return document.to_bytes()


def _unit(unit: str) -> str:
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def _reporting_section(document: Nd30Document, data: dict[str, Any]) -> None:
    totals = data["totals"]
    as_of = dt.date.fromisoformat(data["as_of"]).strftime("%d/%m/%Y")
    document.heading("II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    document.paragraph(
        f"Đến ngày {as_of}, Sở nhận được {totals['arrived']}/{totals['expected']} báo cáo phải gửi, "
        f"trong đó {totals['on_time']} báo cáo gửi đúng hạn; Sở đã tiếp nhận {totals['accepted']} báo cáo, "
        f"{totals['in_review']} báo cáo đang được xem xét hoặc bổ sung."
    )
    if data["missing"]:
        document.paragraph(
            f"Còn {totals['missing']} báo cáo chưa gửi, của {len(data['missing'])} cơ quan, đơn vị sau:"
        )
        document.bullets(
            f"{item['organisation']} (nhiệm vụ {', '.join(item['tasks'])})"
            for item in data["missing"]
        )
    else:
        document.paragraph("Tất cả các cơ quan, đơn vị đã gửi báo cáo.")
    explained = [e for e in data.get("explanations", []) if e["answered"]]
    waiting = [e for e in data.get("explanations", []) if not e["answered"]]
    if explained or waiting:
        document.paragraph(
            f"Sở đã yêu cầu {len(explained) + len(waiting)} cơ quan, đơn vị giải trình việc chậm báo cáo; "
            f"{len(explained)} cơ quan đã giải trình."
        )


def synthesis_xlsx(synthesis: Synthesis) -> bytes:
    """The annex: every task with its lead unit, status and result; reporting; indicators."""
    data = synthesis.snapshot
    reference = (
        f"(Kèm theo Báo cáo {number_line(synthesis.doc_number, synthesis.symbol).removeprefix('Số: ')} "
        f"{place_and_date(synthesis.place, synthesis.doc_date).split(', ', 1)[1]} của {synthesis.issuing_body})"
    )
    return workbook_bytes(_annex_sheets(data, reference))


def _annex_sheets(data: dict[str, Any], reference: str) -> list[Sheet]:
    task_rows: list[list[object]] = []
    for index, group in enumerate(data.get("groups", []), start=1):
        if group["title"]:
            task_rows.append([str(index), group["title"].upper(), "", "", "", "", "", ""])
        for task in group["tasks"]:
            results = "\n".join(
                f"{line['organisation']}: {line['results']}"
                + (f" ({line['figures']})" if line["figures"] else "")
                for line in task["results"]
            )
            task_rows.append(
                [
                    task["number"],
                    task["content"],
                    task["lead"],
                    task["partners"],
                    task["timeline"],
                    task["status_label"],
                    results or "Chưa có báo cáo được tiếp nhận",
                    f"{task['accepted']}/{task['expected']}",
                ]
            )
    organisation_rows: list[list[object]] = [
        [
            i,
            row["name"],
            row["expected"],
            row["arrived"],
            row["on_time"],
            row["accepted"],
            row["expected"] - row["arrived"],
        ]
        for i, row in enumerate(data.get("organisations", []), start=1)
    ]
    indicator_rows: list[list[object]] = [
        [
            i,
            item["name"],
            f"{item['comparator']} {item['target']}{_unit(item['unit'])}",
            item["deadline"],
            item["actual"] or "—",
            item["as_of"],
            item["status"],
        ]
        for i, item in enumerate(data.get("indicators", []), start=1)
    ]
    return [
        Sheet(
            name="Nhiệm vụ",
            caption="PHỤ LỤC I",
            title="KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
            reference=reference,
            headers=[
                "TT",
                "Nội dung nhiệm vụ",
                "Đơn vị chủ trì",
                "Đơn vị phối hợp",
                "Thời gian thực hiện",
                "Tình trạng",
                "Kết quả thực hiện",
                "Báo cáo đã tiếp nhận",
            ],
            widths=[6, 60, 24, 28, 18, 18, 60, 12],
            rows=task_rows,
        ),
        Sheet(
            name="Tình hình báo cáo",
            caption="PHỤ LỤC II",
            title="TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
            reference=reference,
            headers=[
                "TT",
                "Cơ quan, đơn vị",
                "Phải gửi",
                "Đã gửi",
                "Đúng hạn",
                "Đã tiếp nhận",
                "Chưa gửi",
            ],
            widths=[6, 48, 12, 12, 12, 14, 12],
            rows=organisation_rows,
        ),
        Sheet(
            name="Chỉ tiêu",
            caption="PHỤ LỤC III",
            title="KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            reference=reference,
            headers=["TT", "Chỉ tiêu", "Mục tiêu", "Hạn", "Thực hiện", "Số liệu đến", "Đánh giá"],
            widths=[6, 60, 18, 14, 14, 14, 22],
            rows=indicator_rows,
        ),
    ]


# --- An agency's own report -----------------------------------------------------------------------------


def organisation_reports(
    period: ReportingPeriod, organisation: Organisation
) -> list[ProgressReport]:
    return list(
        ProgressReport.objects.expected()
        .filter(period=period, organisation=organisation)
        .select_related("assignment", "assignment__task")
        .order_by("assignment__task__position", "pk")
    )


def _check_member(user: User, organisation: Organisation, reports: list[ProgressReport]) -> None:
    if (
        user.organisation_id != organisation.pk
        or not reports
        or not is_report_owner(user, reports[0])
    ):
        raise PermissionDenied


def agency_report_docx(period: ReportingPeriod, *, organisation: Organisation, by: User) -> bytes:
    """The agency's report to DoST for a period, from its own reports as currently written."""
    reports = organisation_reports(period, organisation)
    _check_member(by, organisation, reports)
    plan = period.plan
    province = province_phrase(plan)
    is_commune = organisation.kind == Organisation.Kind.COMMUNE_COMMITTEE
    document = Nd30Document(
        Letterhead(
            parent_body="" if is_commune else f"UBND {province}",
            issuing_body=organisation.name,
            symbol=f"BC-{_initials(organisation.name)}",
            place=plan.province.short_name,
            date=timezone.localdate(),
        ),
        subject=f"Kết quả thực hiện {plan_reference(plan)} {period_phrase(period)}",
        addressees=[plan.owner.name],
    )
    document.paragraph(
        f"Thực hiện {plan_reference(plan)}, {organisation.name} báo cáo kết quả thực hiện các nhiệm vụ được giao "
        f"{period_phrase(period)} như sau:"
    )
    document.heading("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO")
    points = []
    for report in reports:
        task = report.assignment.task
        role = str(report.assignment.get_role_display()).lower()
        figures = (
            f" Số liệu: {figures_text(report.figures).replace(chr(10), '; ')}."
            if report.figures
            else ""
        )
        points.append(
            f"Nhiệm vụ {task.number or ''} ({role}): {_first_sentence(task.content)} — "
            f"{str(report.get_progress_display()).lower()}, {report.percent}%. {report.results or 'Chưa có kết quả.'}"
            f"{figures}"
        )
    document.points(points)
    sections = (
        ("II. KHÓ KHĂN, VƯỚNG MẮC", [r.difficulties for r in reports if r.difficulties]),
        ("III. ĐỀ XUẤT, KIẾN NGHỊ", [r.proposals for r in reports if r.proposals]),
    )
    for heading, texts in sections:
        document.heading(heading)
        if texts:
            document.bullets(texts)
        else:
            document.paragraph("Không có.")
    authority = (
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if is_commune else ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    )
    document.finish(
        f"Trên đây là báo cáo của {organisation.name}, kính gửi {plan.owner.name} tổng hợp./.",
        Signature(authority=authority, name="", recipients=["Như trên", "Lưu: VT"]),
    )
    return document.to_bytes()


def agency_report_xlsx(period: ReportingPeriod, *, organisation: Organisation, by: User) -> bytes:
    reports = organisation_reports(period, organisation)
    _check_member(by, organisation, reports)
    rows: list[list[object]] = [
        [
            r.assignment.task.number,
            r.assignment.task.content,
            str(r.assignment.get_role_display()),
            str(r.get_progress_display()),
            r.percent,
            r.results,
            figures_text(r.figures),
            r.difficulties,
            r.proposals,
            str(r.get_state_display()),
        ]
        for r in reports
    ]
    return workbook_bytes(
        [
            Sheet(
                name="Nhiệm vụ",
                caption="PHỤ LỤC",
                title="KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO",
                reference=f"(Kèm theo Báo cáo của {organisation.name} — {period.title})",
                headers=[
                    "TT",
                    "Nội dung nhiệm vụ",
                    "Vai trò",
                    "Tình hình",
                    "Tỷ lệ (%)",
                    "Kết quả",
                    "Số liệu",
                    "Khó khăn, vướng mắc",
                    "Đề xuất",
                    "Trạng thái báo cáo",
                ],
                widths=[6, 50, 12, 16, 10, 50, 30, 30, 30, 18],
                rows=rows,
            )
        ]
    )

"""Writing the synthesis report: DoST's yearly (or periodic) report to the People's Committee,
as a Decree 30 DOCX with an XLSX annex, from its wording and its snapshot
(`tdc.plans.queries.synthesis.collect_synthesis_data`). An agency exports its own report for a
period in the same format.

Agencies whose reports have not arrived are listed by name, and reports not yet accepted are
counted, never silently left out.

The documents are Vietnamese administrative texts whatever the interface language, so their
wording is not translated.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tdc.accounts.models import Organisation, User
from tdc.core.charts import vietnamese_number
from tdc.core.registry import task_facts
from tdc.plans.access import is_report_owner
from tdc.plans.models import (
    ProgressReport,
    ReportingPeriod,
    Synthesis,
    Task,
)
from tdc.plans.queries.reporting import figures_text
from tdc.plans.queries.synthesis import (
    GroupLine,
    IndicatorLine,
    SynthesisData,
    TaskLine,
    _initials,
    organisation_reports,
    period_phrase,
    plan_reference,
    province_phrase,
)
from tdc.reports.nd30 import Letterhead, Nd30Document, Signature, number_line, place_and_date
from tdc.reports.xlsx import Sheet, workbook_bytes

# --- Wording ---------------------------------------------------------------------------------


# --- Collecting the figures --------------------------------------------------------------------


# --- The synthesis record -------------------------------------------------------------------------


# --- Writing the documents --------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sentence(text: str) -> str:
    """`text` as a sentence: trimmed, ending in a full stop (never cut)."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?…:;" else text + "."


def number_text(value: str | Decimal | int | None, unit: str = "") -> str:
    """A figure as Vietnamese write it: "23,53 %", "1.250 lượt"."""
    if value is None or value == "":
        return ""
    return vietnamese_number(Decimal(str(value)), unit)


def _task_label(task: TaskLine) -> str:
    return task.get("label") or task["number"]


def _task_point(task: TaskLine) -> str:
    """A task in full (never cut), with what the accepted reports say it achieved."""
    if task.get("kind") == "duty":
        head = f"{task['lead']}: " if task["lead"] else ""
        text = _sentence(head + "; ".join(_lines(task["content"])))
    else:
        lead = f" (chủ trì: {task['lead']})" if task["lead"] else ""
        text = f"Nhiệm vụ {_task_label(task)}{lead}: {_sentence(task['content'])}"
    if task.get("facts"):
        text = " ".join([text, *task.get("facts", [])])
    if not task["results"]:
        return text
    parts = []
    for line in task["results"]:
        figures = f" ({line['figures'].replace(chr(10), '; ')})" if line["figures"] else ""
        parts.append(_sentence(f"{line['organisation']}: {line['results']}{figures}"))
    return f"{text} Kết quả: {' '.join(parts)}"


def _count_phrase(count: int, what: str) -> str:
    return f"{count} {what}"


def group_narrative(group: GroupLine) -> list[str]:
    """What a group of tasks came to, told once for the group: how far its tasks are, which
    have no accepted report yet, and the difficulties and proposals the reports raised."""
    tasks = group["tasks"]
    statuses: dict[str, int] = {}
    for task in tasks:
        label = task["status_label"].lower()
        statuses[label] = statuses.get(label, 0) + 1
    summary = ", ".join(f"{n} nhiệm vụ {label}" for label, n in statuses.items())
    lines = [f"Tình hình chung của nhóm: {summary}."] if summary else []
    waiting = [_task_label(t) for t in tasks if not t["results"] and t.get("kind") != "duty"]
    if waiting and len(waiting) == len(tasks):
        lines.append("Chưa có báo cáo nào của nhóm này được Sở tiếp nhận.")
    elif waiting:
        lines.append(f"Chưa có báo cáo được Sở tiếp nhận đối với nhiệm vụ {', '.join(waiting)}.")
    for key, title in (("difficulties", "Khó khăn, vướng mắc"), ("proposals", "Đề xuất")):
        said = [
            f"{line['organisation']}: {_sentence(str(line.get(key, '')))}"
            for task in tasks
            for line in task["results"]
            if str(line.get(key, "")).strip()
        ]
        if said:
            lines.append(f"{title}: {' '.join(said)}")
    return lines


def _indicator_sentence(item: IndicatorLine) -> str:
    unit = item["unit"]
    target = number_text(item["target"], unit)
    head = f"{item['name']}: mục tiêu {item['comparator']} {target} đến {item['deadline']}; "
    if not item["actual"]:
        return head + "chưa có số liệu."
    source = f" Nguồn số liệu: {item['source']}." if item.get("source") else ""
    return (
        head + f"thực hiện {number_text(item['actual'], unit)} (đến {item['as_of']}) — "
        f"{item['status'].lower()}.{source}"
    )


def _document(synthesis: Synthesis) -> Nd30Document:
    return Nd30Document(
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


def _finish(document: Nd30Document, synthesis: Synthesis) -> bytes:
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


def synthesis_docx(synthesis: Synthesis) -> bytes:
    """The synthesis as a Decree 30 DOCX, from its wording and its snapshot; an ad-hoc period
    has its own short report (`ad_hoc_docx`)."""
    if synthesis.period.kind == ReportingPeriod.Kind.AD_HOC:
        return ad_hoc_docx(synthesis)
    data: SynthesisData = synthesis.snapshot
    document = _document(synthesis)
    document.paragraph(synthesis.intro)
    document.heading("I. TÌNH HÌNH TRIỂN KHAI VÀ KẾT QUẢ THỰC HIỆN")
    for line in _lines(synthesis.assessment):
        document.paragraph(line)
    for index, group in enumerate(data.get("groups", []), start=1):
        if group["title"]:
            document.subheading(f"{index}. {group['title']}")
        document.points(_task_point(task) for task in group["tasks"])
        for line in group_narrative(group):
            document.paragraph(line)
    _reporting_section(document, data)
    document.heading("III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    if data.get("indicators"):
        document.bullets(_indicator_sentence(item) for item in data["indicators"])
    else:
        document.paragraph("Kế hoạch không đặt chỉ tiêu định lượng.")
    raised = any(
        str(line.get(key, "")).strip()
        for group in data.get("groups", [])
        for task in group["tasks"]
        for line in task["results"]
        for key in ("difficulties", "proposals")
    )
    document.heading("IV. KHÓ KHĂN, VƯỚNG MẮC")
    for line in _lines(synthesis.difficulties):
        document.paragraph(line)
    if not synthesis.difficulties.strip():
        document.paragraph(
            "Khó khăn, vướng mắc của các cơ quan, đơn vị được nêu tại từng nhóm nhiệm vụ ở Mục I."
            if raised
            else "Các cơ quan, đơn vị không phản ánh khó khăn, vướng mắc."
        )
    section = "V"
    if synthesis.next_tasks.strip():
        document.heading("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI")
        for line in _lines(synthesis.next_tasks):
            document.paragraph(line)
        section = "VI"
    document.heading(f"{section}. KIẾN NGHỊ, ĐỀ XUẤT")
    for line in _lines(synthesis.proposals):
        document.paragraph(line)
    if not synthesis.proposals.strip():
        document.paragraph(
            "Đề xuất của các cơ quan, đơn vị được nêu tại từng nhóm nhiệm vụ ở Mục I."
            if raised
            else "Không có kiến nghị, đề xuất."
        )
    return _finish(document, synthesis)


def ad_hoc_docx(synthesis: Synthesis) -> bytes:
    """An ad-hoc period's short report: what each agency did on the request, who has not
    reported, and the proposals."""
    data: SynthesisData = synthesis.snapshot
    document = _document(synthesis)
    document.paragraph(synthesis.intro)
    document.heading("I. KẾT QUẢ THỰC HIỆN")
    for line in _lines(synthesis.assessment):
        document.paragraph(line)
    results = [
        _sentence(
            f"{line['organisation']}: {line['results']}"
            + (f" ({line['figures'].replace(chr(10), '; ')})" if line["figures"] else "")
        )
        for group in data.get("groups", [])
        for task in group["tasks"]
        for line in task["results"]
    ]
    if results:
        document.bullets(results)
    else:
        document.paragraph("Chưa có báo cáo nào được Sở tiếp nhận.")
    _reporting_section(document, data, heading="II. TÌNH HÌNH BÁO CÁO")
    document.heading("III. KIẾN NGHỊ, ĐỀ XUẤT")
    for line in _lines(synthesis.proposals):
        document.paragraph(line)
    said = [
        f"{line['organisation']}: {_sentence(str(line.get('proposals', '')))}"
        for group in data.get("groups", [])
        for task in group["tasks"]
        for line in task["results"]
        if str(line.get("proposals", "")).strip()
    ]
    if said:
        document.bullets(said)
    if not said and not synthesis.proposals.strip():
        document.paragraph("Không có kiến nghị, đề xuất.")
    return _finish(document, synthesis)


def _unit(unit: str) -> str:
    if not unit:
        return ""
    return unit if unit == "%" else f" {unit}"


def _reporting_section(
    document: Nd30Document,
    data: SynthesisData,
    heading: str = "II. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
) -> None:
    totals = data["totals"]
    as_of = dt.date.fromisoformat(data["as_of"]).strftime("%d/%m/%Y")
    document.heading(heading)
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
            if any(item["tasks"])
            else item["organisation"]
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
    data: SynthesisData = synthesis.snapshot
    reference = (
        f"(Kèm theo Báo cáo {number_line(synthesis.doc_number, synthesis.symbol).removeprefix('Số: ')} "
        f"{place_and_date(synthesis.place, synthesis.doc_date).split(', ', 1)[1]} của {synthesis.issuing_body})"
    )
    return workbook_bytes(_annex_sheets(data, reference))


def _decimal_or_none(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _annex_sheets(data: SynthesisData, reference: str) -> list[Sheet]:
    task_rows: list[list[object]] = []
    expected = accepted = 0
    for index, group in enumerate(data.get("groups", []), start=1):
        if group["title"]:
            task_rows.append([str(index), group["title"].upper(), "", "", "", "", "", "", ""])
        for task in group["tasks"]:
            results = "\n".join(
                f"{line['organisation']}: {line['results']}"
                + (f" ({line['figures']})" if line["figures"] else "")
                for line in task["results"]
            )
            results = "\n".join(filter(None, [results, *task.get("facts", [])]))
            task_rows.append(
                [
                    _task_label(task),
                    task["content"],
                    task["lead"],
                    task["partners"],
                    task["timeline"],
                    task["status_label"],
                    results or "Chưa có báo cáo được tiếp nhận",
                    task["expected"],
                    task["accepted"],
                ]
            )
            expected += task["expected"]
            accepted += task["accepted"]
    organisations = data.get("organisations", [])
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
        for i, row in enumerate(organisations, start=1)
    ]
    organisation_totals: list[object] = [
        "",
        "Tổng cộng",
        *[
            sum(int(row[column]) for row in organisation_rows)  # type: ignore[call-overload]
            for column in range(2, 7)
        ],
    ]
    indicator_rows: list[list[object]] = [
        [
            i,
            item["name"],
            item["comparator"],
            _decimal_or_none(item["target"]),
            item["unit"],
            item["deadline"],
            _decimal_or_none(item["actual"]),
            item["as_of"],
            item["status"],
            item.get("source", ""),
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
                "Số báo cáo phải gửi",
                "Số báo cáo đã tiếp nhận",
            ],
            widths=[6, 60, 24, 28, 18, 18, 60, 12, 12],
            rows=task_rows,
            totals=["", "Tổng cộng", "", "", "", "", "", expected, accepted],
            formats={8: "0", 9: "0"},
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
            totals=organisation_totals,
            formats=dict.fromkeys(range(3, 8), "0"),
        ),
        Sheet(
            name="Chỉ tiêu",
            caption="PHỤ LỤC III",
            title="KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            reference=reference,
            headers=[
                "TT",
                "Chỉ tiêu",
                "So sánh",
                "Mục tiêu",
                "Đơn vị tính",
                "Hạn",
                "Thực hiện",
                "Số liệu đến",
                "Đánh giá",
                "Nguồn số liệu",
            ],
            widths=[6, 60, 12, 12, 14, 14, 12, 14, 22, 30],
            rows=indicator_rows,
            formats={4: "#,##0.##", 7: "#,##0.##"},
        ),
    ]


# --- An agency's own report -----------------------------------------------------------------------------


def _check_member(user: User, organisation: Organisation, reports: list[ProgressReport]) -> None:
    if (
        user.organisation_id != organisation.pk
        or not reports
        or not is_report_owner(user, reports[0])
    ):
        raise PermissionDenied


def _own_task_label(task: Task) -> str:
    if task.number:
        return f"Nhiệm vụ {task.number}"
    if task.kind == Task.Kind.DUTY:
        return "Trách nhiệm theo mục Tổ chức thực hiện"
    return "Nhiệm vụ"


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
    facts = task_facts(report.assignment.task_id for report in reports)
    for report in reports:
        task = report.assignment.task
        role = str(report.assignment.get_role_display()).lower()
        figures = (
            f" Số liệu: {figures_text(report.figures).replace(chr(10), '; ')}."
            if report.figures
            else ""
        )
        points.append(
            f"{_own_task_label(task)} ({role}): {_sentence(task.content)} Tình hình: "
            f"{str(report.get_progress_display()).lower()}, {vietnamese_number(report.percent, '%')}. "
            f"{_sentence(report.results) or 'Chưa có kết quả.'}"
            f"{figures}" + "".join(f" {fact.text}" for fact in facts.get(task.pk, []))
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

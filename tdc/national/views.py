"""The Ministry's national view: provinces side by side, a province, plans compared, a task's
counterparts in other provinces, and the national synthesis (DOCX, XLSX)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.charts import Series, render_chart
from tdc.national import access, exports, queries
from tdc.national.comparison import GROUPS, TaskText, group_label
from tdc.reports.tables import XLSX_CONTENT_TYPE

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request: AuthenticatedHttpRequest) -> int:
    raw = request.GET.get("nam", "")
    today = timezone.localdate()
    if raw.isdigit() and 2000 <= int(raw) <= today.year + 5:
        return int(raw)
    return today.year


def _province_ids(request: AuthenticatedHttpRequest) -> list[int]:
    return [int(v) for v in request.GET.getlist("tinh") if v.isdigit() and len(v) < 6]


@capability_required(Capability.VIEW_NATIONAL)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request)
    rows = queries.side_by_side(request.user, year=year, today=timezone.localdate())
    names = [r.name for r in rows]
    reporting = render_chart(
        "bar",
        _("Tỷ lệ báo cáo năm %(year)s") % {"year": year},
        names,
        [
            Series(_("Đã nộp"), [r.arrived_percent for r in rows]),
            Series(_("Đúng hạn"), [r.on_time_percent for r in rows]),
        ],
        unit="%",
        max_value=100,
    )
    registers = render_chart(
        "bar",
        _("Phương tiện đo nhóm 2"),
        names,
        [
            Series(_("Đang quản lý"), [r.instruments for r in rows]),
            Series(_("Quá hạn kiểm định"), [r.instruments_overdue for r in rows]),
        ],
    )
    return render(
        request,
        "national/overview.html",
        {"year": year, "rows": rows, "reporting": reporting, "registers": registers},
    )


@capability_required(Capability.VIEW_NATIONAL)
def province(request: AuthenticatedHttpRequest, province_id: int) -> HttpResponse:
    year = _year(request)
    rows = queries.side_by_side(request.user, year=year, today=timezone.localdate())
    figures = access.province_in(rows, province_id)
    plans = access.chosen_plans(queries.latest_plans(request.user), [province_id])
    texts = queries.task_texts(plans)
    by_group = [(group_label(key), [t for t in texts if t.group == key]) for key, _l, _w in GROUPS]
    return render(
        request,
        "national/province.html",
        {"year": year, "figures": figures, "plans": plans, "by_group": by_group},
    )


@capability_required(Capability.VIEW_NATIONAL)
def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    every = queries.latest_plans(request.user)
    chosen_ids = _province_ids(request)
    chosen = access.chosen_plans(every, chosen_ids)
    texts = queries.task_texts(chosen)
    coverage = queries.coverage(chosen, texts)
    query = request.GET.get("q", "").strip()[:200]
    found = queries.search(texts, query) if query else []
    found_provinces = {t.province_id for t in found}
    matrix = render_chart(
        "horizontal_bar",
        _("Số nhiệm vụ theo nhóm nhiệm vụ của Chỉ thị"),
        [label for _k, label, _c in coverage.rows],
        [
            Series(p.province, [counts[i] for _k, _l, counts in coverage.rows])
            for i, p in enumerate(chosen)
        ],
        height=420,
    )
    return render(
        request,
        "national/plans.html",
        {
            "every": every,
            "chosen": chosen,
            "chosen_ids": chosen_ids,
            "coverage": coverage,
            "query": query,
            "found": found,
            "without": [p for p in chosen if p.province_id not in found_provinces],
            "matrix": matrix,
        },
    )


@capability_required(Capability.VIEW_NATIONAL)
def task(request: AuthenticatedHttpRequest, task_id: int) -> HttpResponse:
    texts = queries.task_texts(queries.latest_plans(request.user))
    try:
        chosen, similar = queries.similar_to(texts, task_id)
    except KeyError:
        raise Http404 from None
    return render(
        request,
        "national/task.html",
        {"task": chosen, "group": group_label(chosen.group), "similar": similar},
    )


def _synthesis_inputs(
    request: AuthenticatedHttpRequest,
) -> tuple[int, list[queries.ProvinceFigures], queries.Coverage, list[TaskText], list[queries.PlanSummary]]:  # fmt: skip
    year = _year(request)
    rows = queries.side_by_side(request.user, year=year, today=timezone.localdate())
    plans_ = queries.latest_plans(request.user)
    texts = queries.task_texts(plans_)
    return year, rows, queries.coverage(plans_, texts), texts, plans_


@capability_required(Capability.VIEW_NATIONAL)
def synthesis(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    with translation.override("vi"):  # an official document (Decree 30): always Vietnamese
        return _synthesis(request, file_format)


def _synthesis(request: AuthenticatedHttpRequest, file_format: str) -> HttpResponse:
    year, rows, coverage, texts, plans_ = _synthesis_inputs(request)
    if file_format == "docx":
        content = exports.national_docx(
            year=year, today=timezone.localdate(), figures=rows, coverage=coverage
        )
        content_type = DOCX_CONTENT_TYPE
    else:
        by_plan = {p.plan_id: p for p in plans_}
        content = exports.national_xlsx(
            year=year,
            figures=rows,
            coverage=coverage,
            tasks=[(by_plan[t.plan_id], t.number, t.group, t.content) for t in texts],
        )
        content_type = XLSX_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-tong-hop-quoc-gia-{year}.{file_format}"'
    )
    return response

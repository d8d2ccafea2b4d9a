"""The inspection plan (generate, review, approve, change with a reason, DOCX + XLSX), next
year's survey priorities, the hit-rate chart, inspections and violations."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.core.charts import Series, render_chart
from tdc.reports.nd30 import nfc
from tdc.reports.tables import XLSX_CONTENT_TYPE
from tdc.surveillance import access, exports, queries, services
from tdc.surveillance.forms import (
    InspectionForm,
    InspectionResultForm,
    PlanAddForm,
    PlanForm,
    PriorityForm,
    ReasonForm,
    ViolationForm,
)
from tdc.surveillance.models import Establishment, Inspection, InspectionPlan
from tdc.surveillance.services.priorities import propose
from tdc.surveillance.views.common import attach

VIEW = Capability.VIEW_SURVEILLANCE
MANAGE = Capability.MANAGE_SURVEILLANCE
APPROVE = Capability.APPROVE_SURVEILLANCE
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _province_records(request: AuthenticatedHttpRequest) -> None:
    if not access.can_see_province_records(request.user):
        raise PermissionDenied


@capability_required(VIEW)
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _province_records(request)
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST":
        province = access.managed_province(request.user)
        if form.is_valid():
            try:
                plan = services.generate_plan(
                    province=province, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                attach(form, error)
            else:
                messages.success(request, _("Đã lập dự thảo kế hoạch kiểm tra."))
                return redirect(plan)
    return render(
        request,
        "surveillance/plan_list.html",
        {
            "plans": queries.plans_visible_to(request.user),
            "form": form,
            "can_manage": access.can_manage(request.user),
        },
    )


def _plan_context(
    request: AuthenticatedHttpRequest, plan: InspectionPlan, **extra: object
) -> dict[str, object]:
    user = request.user
    changeable = access.can_manage(user)
    return {
        "plan": plan,
        "items": queries.plan_items(plan),
        "can_manage": changeable,
        "can_review": access.can_approve(user)
        and plan.status == InspectionPlan.Status.DRAFT
        and plan.created_by_id != user.pk,
        "can_approve": access.can_approve(user)
        and plan.status == InspectionPlan.Status.REVIEWED
        and plan.reviewed_by_id != user.pk,
        "add_form": extra.pop("add_form", None)
        or (
            PlanAddForm(
                establishments=queries.establishments_visible_to(user).filter(
                    province=plan.province
                )
            )
            if changeable
            else None
        ),
        "reason_form": ReasonForm(),
        **extra,
    }


@capability_required(VIEW)
def plan_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    return render(request, "surveillance/plan_detail.html", _plan_context(request, plan))


def _step(request: AuthenticatedHttpRequest, pk: int, step: str) -> HttpResponse:
    plan = access.get_plan_to_approve(request.user, pk)
    try:
        if step == "review":
            services.review_plan(plan, by=request.user)
            messages.success(request, _("Đã thẩm định kế hoạch."))
        else:
            services.approve_plan(plan, by=request.user)
            messages.success(request, _("Đã phê duyệt kế hoạch."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)


@require_POST
@capability_required(APPROVE)
def plan_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "review")


@require_POST
@capability_required(APPROVE)
def plan_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "approve")


@require_POST
@capability_required(MANAGE)
def plan_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_to_change(request.user, pk)
    form = PlanAddForm(
        request.POST,
        establishments=queries.establishments_visible_to(request.user).filter(
            province=plan.province
        ),
    )
    if form.is_valid():
        try:
            services.add_to_plan(plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã bổ sung cơ sở vào kế hoạch."))
            return redirect(plan)
    return render(
        request, "surveillance/plan_detail.html", _plan_context(request, plan, add_form=form)
    )


@require_POST
@capability_required(MANAGE)
def plan_remove(request: AuthenticatedHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    plan = access.get_plan_to_change(request.user, pk)
    item = get_object_or_404(plan.items, pk=item_pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.remove_from_plan(item, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã bỏ cơ sở khỏi kế hoạch."))
    return redirect(plan)


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, nfc(name))
    return response


@capability_required(VIEW)
def plan_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    return _download(exports.plan_docx(plan), DOCX, f"ke-hoach-kiem-tra-{plan.year}.docx")


@capability_required(VIEW)
def plan_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    return _download(
        exports.plan_xlsx(plan), XLSX_CONTENT_TYPE, f"phu-luc-ke-hoach-{plan.year}.xlsx"
    )


@capability_required(VIEW)
def hit_rate(request: AuthenticatedHttpRequest) -> HttpResponse:
    _province_records(request)
    province_id = getattr(request.user.organisation, "province_id", None)
    rates = queries.hit_rates(province_id) if province_id else []
    years = sorted({r.year for r in rates})
    chart = None
    if rates:
        by_key = {(r.year, r.category): r for r in rates}
        chart = render_chart(
            "bar",
            _("Tỷ lệ phát hiện vi phạm theo hạng rủi ro dự báo"),
            [str(y) for y in years],
            [
                Series(
                    _("Hạng %(c)s") % {"c": category},
                    [
                        by_key[(y, category)].rate if (y, category) in by_key else None
                        for y in years
                    ],
                )
                for category in "ABCD"
            ],
            unit="%",
            max_value=100,
        )
    return render(request, "surveillance/hit_rate.html", {"rates": rates, "chart": chart})


@capability_required(MANAGE)
def priorities(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = access.managed_province(request.user)
    year = timezone.localdate().year + 1
    if request.method == "POST":
        form = PriorityForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                programme = services.create_programme_from_priorities(
                    province=province,
                    year=data["year"],
                    by=request.user,
                    top=data["top"],
                    extra_random=data["extra_random"],
                    chosen_ids=[c.pk for c in data["categories"]],
                    reason=data["reason"],
                    seed=data["seed"],
                    planned_samples=data["planned_samples"],
                )
            except ValidationError as error:
                attach(form, error)
            else:
                messages.success(request, _("Đã lập chương trình khảo sát năm sau."))
                return redirect(programme)
        raw = request.POST.get("year", "")
        if raw.isdigit() and 2000 <= int(raw) <= 2100:
            year = int(raw)
    rows = queries.category_priorities(province.pk, year=year)
    top, extra = 3, 1
    if request.method != "POST":
        seed = secrets.randbits(32)
        chosen, drawn = propose(rows, top=top, extra_random=extra, seed=seed)
        form = PriorityForm(
            initial={
                "year": year,
                "top": top,
                "extra_random": extra,
                "seed": seed,
                "categories": chosen + drawn,
            }
        )
    return render(
        request, "surveillance/priorities.html", {"rows": rows, "form": form, "year": year}
    )


@capability_required(VIEW)
def inspection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "surveillance/inspection_list.html",
        {
            "inspections": queries.inspections_visible_to(request.user)[:200],
            "can_manage": access.can_manage(request.user),
        },
    )


@capability_required(MANAGE)
def inspection_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    establishments = access.establishments_to_pick(request.user)
    item = None
    initial: dict[str, object] = {"inspected_on": timezone.localdate()}
    item_pk = request.GET.get("item", "")
    if item_pk.isdigit():
        item = get_object_or_404(queries.plan_items_visible_to(request.user), pk=int(item_pk))
        initial["establishment"] = item.establishment
    form = InspectionForm(request.POST or None, establishments=establishments, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        establishment: Establishment = data["establishment"]
        try:
            inspection = services.schedule_inspection(
                establishment,
                inspected_on=data["inspected_on"],
                team=data["team"],
                kind=data["kind"],
                by=request.user,
                plan_item=item,
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã lên lịch kiểm tra."))
            return redirect(inspection)
    return render(
        request, "surveillance/form.html", {"form": form, "title": _("Cuộc kiểm tra mới")}
    )


def _inspection_context(
    request: AuthenticatedHttpRequest, inspection: Inspection, **extra: object
) -> dict[str, object]:
    changeable = access.can_manage(request.user) and access.can_see_province_records(request.user)
    result_form = extra.pop("result_form", None)
    if result_form is None and changeable and inspection.status == Inspection.Status.SCHEDULED:
        result_form = InspectionResultForm(
            instruments=services.instruments_of(inspection.establishment, user=request.user),
            samples=queries.samples_visible_to(request.user).filter(
                establishment=inspection.establishment
            ),
        )
    violation_form = extra.pop("violation_form", None)
    if violation_form is None and changeable and inspection.status == Inspection.Status.DONE:
        violation_form = ViolationForm()
    return {
        "inspection": inspection,
        "violations": queries.violations_of(inspection),
        "result_form": result_form,
        "violation_form": violation_form,
        **extra,
    }


@capability_required(VIEW)
def inspection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_inspection_for_user(request.user, pk)
    return render(
        request, "surveillance/inspection_detail.html", _inspection_context(request, inspection)
    )


@require_POST
@capability_required(MANAGE)
def inspection_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_inspection_to_change(request.user, pk)
    form = InspectionResultForm(
        request.POST,
        instruments=services.instruments_of(inspection.establishment, user=request.user),
        samples=queries.samples_visible_to(request.user).filter(
            establishment=inspection.establishment
        ),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_inspection_result(
                inspection,
                by=request.user,
                findings=data["findings"],
                checked_labels=data["checked_labels"],
                checked_marks=data["checked_marks"],
                instrument_ids=data["instruments"],
                samples=data["samples"],
                corrective_measures=data["corrective_measures"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi kết quả kiểm tra."))
            return redirect(inspection)
    return render(
        request,
        "surveillance/inspection_detail.html",
        _inspection_context(request, inspection, result_form=form),
    )


@require_POST
@capability_required(MANAGE)
def violation_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    inspection = access.get_inspection_to_change(request.user, pk)
    form = ViolationForm(request.POST)
    if form.is_valid():
        try:
            services.add_violation(inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi vi phạm."))
            return redirect(inspection)
    return render(
        request,
        "surveillance/inspection_detail.html",
        _inspection_context(request, inspection, violation_form=form),
    )

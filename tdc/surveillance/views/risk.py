"""Risk assessments and the staff side of consumer warnings (draft, approve, publish)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.surveillance import access, queries, services
from tdc.surveillance.forms import AssessmentForm, ReasonForm, WarningForm
from tdc.surveillance.rules.matrix import Step, eu_matrix, parse_probability
from tdc.surveillance.views.common import attach, warning_photos

VIEW = Capability.VIEW_SURVEILLANCE
MANAGE = Capability.MANAGE_SURVEILLANCE
APPROVE = Capability.APPROVE_SURVEILLANCE


def _steps(text: str) -> list[Step]:
    steps = []
    for number, line in enumerate([s for s in text.splitlines() if s.strip()], start=1):
        description, bar, probability = line.rpartition("|")
        if not bar:
            raise ValidationError(
                {"steps": _("Dòng %(n)s cần có dạng “mô tả | xác suất”.") % {"n": number}}
            )
        try:
            steps.append(Step(description.strip(), parse_probability(probability)))
        except ValidationError as error:
            raise ValidationError(
                {"steps": _("Dòng %(n)s: %(m)s") % {"n": number, "m": " ".join(error.messages)}}
            ) from error
    return steps


@capability_required(MANAGE)
def assessment_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_to_change(request.user, pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assess_risk(
                sample.product,
                hazard=data["hazard"],
                steps=_steps(data["steps"]),
                severity=data["severity"],
                by=request.user,
                sample=sample,
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(
                request, _("Mức rủi ro: %(level)s.") % {"level": assessment.get_level_display()}
            )
            return redirect(assessment)
    return render(
        request,
        "surveillance/assessment_form.html",
        {"form": form, "sample": sample, "matrix": eu_matrix()},
    )


@capability_required(VIEW)
def assessment_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_for_user(request.user, pk)
    matrix = eu_matrix()
    return render(
        request,
        "surveillance/assessment_detail.html",
        {
            "assessment": assessment,
            "matrix": matrix,
            "band": matrix.band_for(assessment.probability),
            "can_manage": access.can_manage(request.user),
        },
    )


@require_POST
@capability_required(MANAGE)
def assessment_rerun(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_to_change(request.user, pk)
    again = services.rerun_assessment(assessment, by=request.user)
    messages.success(request, _("Đã đánh giá lại với cùng dữ liệu đầu vào."))
    return redirect(again)


@capability_required(MANAGE)
def warning_from_sample(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_to_change(request.user, pk)
    form = WarningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            warning = services.draft_warning_from_sample(
                sample, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã lập dự thảo cảnh báo."))
            return redirect(warning)
    return render(
        request,
        "surveillance/form.html",
        {
            "form": form,
            "title": _("Dự thảo cảnh báo — mẫu %(c)s") % {"c": sample.code},
            "back": sample,
        },
    )


@require_POST
@capability_required(MANAGE)
def warning_from_assessment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_to_change(request.user, pk)
    try:
        warning = services.draft_warning_from_assessment(assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment)
    messages.success(request, _("Đã lập dự thảo cảnh báo."))
    return redirect(warning)


@capability_required(VIEW)
def warning_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_see_province_records(request.user):
        raise PermissionDenied
    warnings = queries.warnings_visible_to(request.user)
    page = Paginator(warnings, 25).get_page(request.GET.get("page"))
    return render(request, "surveillance/warning_list.html", {"page": page})


@capability_required(VIEW)
def warning_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    warning = access.get_warning_for_user(request.user, pk)
    return render(
        request,
        "surveillance/warning_detail.html",
        {
            "warning": warning,
            "photos": warning_photos(warning, public=False),
            "can_manage": access.can_manage(request.user),
            "can_approve": access.can_approve(request.user)
            and warning.drafted_by_id != request.user.pk,
            "reason_form": ReasonForm(),
        },
    )


def _act(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    if action == "approve":
        warning = access.get_warning_to_approve(request.user, pk)
    else:
        warning = access.get_warning_to_change(request.user, pk)
    try:
        if action == "approve":
            services.approve_warning(warning, by=request.user)
            messages.success(request, _("Đã duyệt cảnh báo."))
        elif action == "publish":
            services.publish_warning(warning, by=request.user)
            messages.success(request, _("Đã công bố cảnh báo."))
        else:
            form = ReasonForm(request.POST)
            form.is_valid()
            services.withdraw_warning(
                warning, by=request.user, reason=form.cleaned_data.get("reason", "")
            )
            messages.success(request, _("Đã thu hồi cảnh báo."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(warning)


@require_POST
@capability_required(APPROVE)
def warning_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "approve")


@require_POST
@capability_required(MANAGE)
def warning_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "publish")


@require_POST
@capability_required(MANAGE)
def warning_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "withdraw")

"""Explanation requests: DoST asks a late agency for a written explanation; the agency answers."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation
from tdc.core.forms import attach_error
from tdc.plans.access import (
    can_answer_explanation,
    explanations_visible_to,
    get_explanation_for_user,
    get_managed_period_for_user,
    reports_visible_to,
)
from tdc.plans.forms.periods import ExplanationAnswerForm, ExplanationRequestForm
from tdc.plans.queries.monitoring import completeness_by_organisation
from tdc.plans.queries.reporting import filter_reports
from tdc.plans.services import periods
from tdc.plans.views.common import STATE_BADGE, int_or_none


@login_required
def explanation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    explanations = (
        explanations_visible_to(request.user).select_related("requested_by").order_by("-created_at")
    )
    page = Paginator(explanations, 50).get_page(request.GET.get("page"))
    return render(request, "plans/explanation_list.html", {"page": page})


@login_required
def explanation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    explanation = get_explanation_for_user(request.user, pk)
    can_answer = can_answer_explanation(request.user, explanation)
    form = ExplanationAnswerForm(request.POST or None)
    if request.method == "POST" and can_answer and form.is_valid():
        try:
            periods.answer_explanation(
                explanation, response=form.cleaned_data["response"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã gửi giải trình đến Sở Khoa học và Công nghệ."))
            return redirect("plans:explanation_detail", pk=explanation.pk)
    missing = filter_reports(
        reports_visible_to(request.user),
        period=explanation.period,
        organisation_id=explanation.organisation_id,
    )
    return render(
        request,
        "plans/explanation_detail.html",
        {
            "explanation": explanation,
            "form": form,
            "can_answer": can_answer,
            "reports": missing,
            "state_badge": STATE_BADGE,
        },
    )


@login_required
def explanation_create(request: AuthenticatedHttpRequest, period_pk: int) -> HttpResponse:
    """DoST asks a late agency for a written explanation."""
    period = get_managed_period_for_user(request.user, period_pk)
    late = [row for row in completeness_by_organisation(period, now=timezone.now()) if row.is_late]
    organisations = Organisation.objects.filter(pk__in=[row.organisation_id for row in late])
    form = ExplanationRequestForm(
        request.POST or None,
        organisations=organisations,
        initial={
            "organisation": int_or_none(request.GET.get("organisation")),
            "message": _(
                "Đề nghị quý cơ quan giải trình bằng văn bản lý do chưa gửi (hoặc gửi chậm) báo cáo "
                "%(period)s theo hạn %(deadline)s."
            )
            % {"period": period.title.lower(), "deadline": period.deadline.strftime("%d/%m/%Y")},
            "due_date": timezone.localdate() + dt.timedelta(days=7),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            explanation = periods.request_explanation(
                period,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Đã gửi yêu cầu giải trình."))
            return redirect(explanation)
    return render(
        request, "plans/explanation_form.html", {"period": period, "form": form, "late": late}
    )

"""Pages for everyone who reports: my tasks, reports and their review, evidence, an agency's own
export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.accounts.models import Organisation
from tdc.core.forms import attach_error
from tdc.core.htmx import partial_if_htmx, redirect_htmx_aware
from tdc.core.registry import task_facts
from tdc.plans.access import (
    can_approve_report,
    can_edit_report,
    can_review_report,
    explanations_visible_to,
    get_agency_export_for_user,
    get_evidence_for_user,
    get_report_for_user,
    is_report_author,
    is_report_owner,
    periods_visible_to,
    report_content_for_user,
    reports_visible_to,
)
from tdc.plans.exports import synthesis
from tdc.plans.forms.reporting import (
    NoteForm,
    ReasonForm,
    ReportFilterForm,
    ReportForm,
    VersionForm,
)
from tdc.plans.models import ProgressReport
from tdc.plans.queries.assignments import STATUS_BADGE, TaskStatus
from tdc.plans.queries.reporting import (
    figures_text,
    filter_reports,
    my_assignments,
    resubmission_diff,
)
from tdc.plans.services import reporting
from tdc.plans.views.common import STATE_BADGE

# --- My tasks --------------------------------------------------------------------------------------


@login_required
def my_tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The tasks of the user's organisation, their four statuses and the next report due."""
    today = timezone.localdate()
    status = request.GET.get("status", "")
    if status not in TaskStatus.values:
        status = ""
    mine = my_assignments(request.user, today=today, status=status)
    explanations = explanations_visible_to(request.user).filter(
        organisation_id=request.user.organisation_id or 0, responded_at__isnull=True
    )
    return render(
        request,
        "plans/my_tasks.html",
        {
            "mine": mine,
            "status": status,
            "statuses": [
                (value, label, STATUS_BADGE[TaskStatus(value)], mine.counts.get(value, 0))
                for value, label in TaskStatus.choices
            ],
            "state_badge": STATE_BADGE,
            "open_explanations": list(explanations),
            "today": today,
        },
    )


# --- Reports -------------------------------------------------------------------------------------


@login_required
def report_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = reports_visible_to(request.user)
    organisations = Organisation.objects.filter(pk__in=visible.values("organisation_id")).order_by(
        "name"
    )
    form = ReportFilterForm(
        request.GET or None,
        periods=periods_visible_to(request.user).order_by("-year", "deadline"),
        organisations=organisations,
    )
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    organisation = filters.get("organisation")
    reports = filter_reports(
        visible,
        period=filters.get("period"),
        organisation_id=organisation.pk if organisation else None,
        state=filters.get("state", ""),
        arrival=filters.get("arrival", ""),
    )
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    template = partial_if_htmx(request, "plans/report_list.html", "rows")
    return render(request, template, {"form": form, "page": page, "state_badge": STATE_BADGE})


def _report_context(
    request: AuthenticatedHttpRequest, report: ProgressReport, **forms: Any
) -> dict[str, Any]:
    user = request.user
    owner = is_report_owner(user, report)
    reviewer = can_review_report(user, report)
    authored = reviewer and is_report_author(user, report)
    content = report_content_for_user(user, report)
    editable = can_edit_report(user, report)
    if editable and "form" not in forms:
        forms["form"] = ReportForm(
            initial={
                "version": report.version,
                "progress": report.progress,
                "percent": report.percent,
                "completed_on": report.completed_on,
                "results": report.results,
                "figures": figures_text(report.figures),
                "difficulties": report.difficulties,
                "proposals": report.proposals,
            }
        )
    return {
        "report": report,
        "task": report.assignment.task,
        "task_facts": task_facts([report.assignment.task_id]).get(report.assignment.task_id, []),
        "content": content,
        "figures_text": figures_text(content["figures"]) if content else "",
        "progress_label": ProgressReport.Progress(content["progress"]).label if content else "",
        "completed_on": (
            dt.date.fromisoformat(content["completed_on"])
            if content and content["completed_on"]
            else None
        ),
        "is_owner": owner,
        "editable": editable,
        "can_submit": owner
        and report.state in (ProgressReport.State.DRAFT, ProgressReport.State.RETURNED),
        "can_approve": can_approve_report(user, report),
        "can_review": reviewer
        and not authored
        and report.state in (ProgressReport.State.SUBMITTED, ProgressReport.State.RESUBMITTED),
        "review_left_to_another": reviewer
        and authored
        and report.state in (ProgressReport.State.SUBMITTED, ProgressReport.State.RESUBMITTED),
        "can_reopen": reviewer and report.state == ProgressReport.State.ACCEPTED,
        "events": report.events.select_related("actor").order_by("at", "pk"),
        "diff": resubmission_diff(report) if reviewer else None,
        "state_badge": STATE_BADGE,
        "reason_form": forms.pop("reason_form", ReasonForm()),
        "note_form": forms.pop("note_form", NoteForm()),
        "submit_form": forms.pop("submit_form", VersionForm(initial={"version": report.version})),
        **forms,
    }


@login_required
def report_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Read a report; its own organisation edits the draft here (version-checked)."""
    report = get_report_for_user(request.user, pk)
    if request.method == "POST":
        if not can_edit_report(request.user, report):
            raise Http404
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                reporting.save_report(
                    report,
                    data=form.to_input(),
                    version=form.cleaned_data["version"],
                    by=request.user,
                    new_files=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("Đã lưu báo cáo."))
                return redirect_htmx_aware(request, report)
        return render(
            request, "plans/report_detail.html", _report_context(request, report, form=form)
        )
    return render(request, "plans/report_detail.html", _report_context(request, report))


def _transition(
    request: AuthenticatedHttpRequest,
    pk: int,
    *,
    form_class: type[Any],
    form_key: str,
    action: Callable[[ProgressReport, Any], ProgressReport],
    done: str,
) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(report, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect_htmx_aware(request, report)
    report.refresh_from_db()
    return render(
        request, "plans/report_detail.html", _report_context(request, report, **{form_key: form})
    )


@require_POST
@login_required
def report_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=VersionForm,
        form_key="submit_form",
        action=lambda r, d: reporting.submit_report(r, version=d["version"], by=request.user),
        done=_("Đã gửi báo cáo."),
    )


@require_POST
@login_required
def report_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=NoteForm,
        form_key="note_form",
        action=lambda r, d: reporting.approve_report(r, by=request.user),
        done=_("Đã duyệt và gửi báo cáo đến Sở Khoa học và Công nghệ."),
    )


@require_POST
@login_required
def report_send_back(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=ReasonForm,
        form_key="reason_form",
        action=lambda r, d: reporting.send_back_report(r, by=request.user, note=d["reason"]),
        done=_("Đã trả lại để cán bộ báo cáo sửa."),
    )


@require_POST
@login_required
def report_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=NoteForm,
        form_key="note_form",
        action=lambda r, d: reporting.accept_report(r, by=request.user, note=d["note"]),
        done=_("Đã tiếp nhận báo cáo."),
    )


@require_POST
@login_required
def report_return(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=ReasonForm,
        form_key="reason_form",
        action=lambda r, d: reporting.return_report(r, by=request.user, reason=d["reason"]),
        done=_("Đã trả lại báo cáo kèm lý do."),
    )


@require_POST
@login_required
def report_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        form_class=ReasonForm,
        form_key="reason_form",
        action=lambda r, d: reporting.reopen_report(r, by=request.user, reason=d["reason"]),
        done=_("Đã mở lại báo cáo."),
    )


@login_required
def evidence_download(request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> FileResponse:
    report = get_report_for_user(request.user, pk)
    evidence = get_evidence_for_user(request.user, report, evidence_pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@require_POST
@login_required
def evidence_remove(request: AuthenticatedHttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    evidence = get_evidence_for_user(request.user, report, evidence_pk)
    try:
        reporting.remove_evidence(evidence, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gỡ tệp minh chứng."))
    return redirect_htmx_aware(request, report)


@login_required
def agency_export(request: AuthenticatedHttpRequest, period_pk: int, fmt: str) -> HttpResponse:
    """The user's organisation's report for a period, as DOCX (Decree 30) or XLSX."""
    if fmt not in ("docx", "xlsx"):
        raise Http404
    period, organisation = get_agency_export_for_user(request.user, period_pk)
    if fmt == "docx":
        data = synthesis.agency_report_docx(period, organisation=organisation, by=request.user)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data = synthesis.agency_report_xlsx(period, organisation=organisation, by=request.user)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{period.pk}-{organisation.pk}.{fmt}"'
    )
    return response


# --- Explanations ------------------------------------------------------------------------------------


# --- Notifications ---------------------------------------------------------------------------------------

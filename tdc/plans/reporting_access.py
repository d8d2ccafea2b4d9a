"""The doors to plan execution records: who sees, edits and reviews which report.

The foundation rule (`tdc.accounts.permissions`) says who reaches which organisation's records;
this module narrows it for reports:

- a report's working copy (a draft, or a returned report being corrected) is seen only by its
  own organisation; everyone else with reach sees the last version that was sent to DoST;
- only the organisation's reporters (and approvers) edit and submit; only its approvers
  approve internally;
- only a TĐC officer of the plan's province accepts, returns or reopens.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tdc.accounts.models import Role
from tdc.accounts.permissions import can_view, has_role, restrict
from tdc.plans.models import (
    Evidence,
    ExplanationRequest,
    Indicator,
    Plan,
    ProgressReport,
    ReportingPeriod,
    ReportVersion,
    Synthesis,
    Task,
)

# Roles that write their organisation's reports. A TĐC officer writes DoST's own.
REPORTER_ROLES = (
    Role.AGENCY_REPORTER,
    Role.AGENCY_APPROVER,
    Role.COMMUNE_OFFICER,
    Role.TDC_OFFICER,
)
MONITOR_ROLES = (
    Role.TDC_OFFICER,
    Role.LEADERSHIP_VIEWER,
    Role.MINISTRY_VIEWER,
    Role.SYSTEM_ADMIN,
)


def is_officer_for(user: Any, plan: Plan) -> bool:
    """A TĐC officer of the plan's province: the one who manages and reviews it."""
    return (
        has_role(user, Role.TDC_OFFICER)
        and user.organisation_id is not None
        and user.organisation.province_id == plan.province_id
    )


def can_monitor(user: Any) -> bool:
    """May open the monitoring dashboard (read-only for leadership and the Ministry)."""
    return has_role(user, *MONITOR_ROLES)


# --- Plans, periods, tasks ------------------------------------------------------------------


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """Plans of the provinces the user reaches; an agency sees its own province's plans."""
    plans = Plan.objects.select_related("province", "owner")
    if has_role(user, Role.SYSTEM_ADMIN, Role.MINISTRY_VIEWER):
        return plans
    province_id = getattr(user, "province_id", None)
    if not getattr(user, "is_authenticated", False) or province_id is None:
        return plans.none()
    return plans.filter(province_id=province_id)


def get_plan_for_user(user: Any, pk: int) -> Plan:
    return get_object_or_404(plans_visible_to(user), pk=pk)


def get_managed_plan_for_user(user: Any, pk: int) -> Plan:
    """A plan the user manages as TĐC officer; 404 otherwise."""
    plan = get_plan_for_user(user, pk)
    if not is_officer_for(user, plan):
        raise_not_found()
    return plan


def get_managed_task_for_user(user: Any, pk: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan", "group"), pk=pk)
    if not is_officer_for(user, task.plan):
        raise_not_found()
    return task


def periods_visible_to(user: Any) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("plan", "plan__province").filter(
        plan__in=plans_visible_to(user)
    )


def get_period_for_user(user: Any, pk: int) -> ReportingPeriod:
    return get_object_or_404(periods_visible_to(user), pk=pk)


def get_managed_period_for_user(user: Any, pk: int) -> ReportingPeriod:
    period = get_period_for_user(user, pk)
    if not is_officer_for(user, period.plan):
        raise_not_found()
    return period


# --- Reports ----------------------------------------------------------------------------------


def reports_visible_to(user: Any) -> QuerySet[ProgressReport]:
    """Reports of the organisations the user reaches (states only; content via the door)."""
    return restrict(
        ProgressReport.objects.select_related(
            "period", "period__plan", "organisation", "assignment", "assignment__task"
        ),
        user,
        organisation_field="organisation",
        province_field="period__plan__province",
    )


def get_report_for_user(user: Any, pk: int) -> ProgressReport:
    """The only way views and the API load a report. 404 for 'missing' and 'not yours' alike."""
    return get_object_or_404(reports_visible_to(user), pk=pk)


def is_report_owner(user: Any, report: ProgressReport) -> bool:
    """A member of the reporting organisation who writes its reports."""
    return (
        getattr(user, "is_authenticated", False)
        and user.organisation_id == report.organisation_id
        and has_role(user, *REPORTER_ROLES)
    )


def can_edit_report(user: Any, report: ProgressReport) -> bool:
    return is_report_owner(user, report) and report.is_editable


def can_approve_report(user: Any, report: ProgressReport) -> bool:
    return (
        user.organisation_id == report.organisation_id
        and has_role(user, Role.AGENCY_APPROVER)
        and report.state == ProgressReport.State.PENDING_APPROVAL
    )


def can_review_report(user: Any, report: ProgressReport) -> bool:
    return is_officer_for(user, report.period.plan)


def last_sent_version(report: ProgressReport) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def report_content_for_user(user: Any, report: ProgressReport) -> dict[str, Any] | None:
    """What this user may read of a report: the working copy for its own organisation, the
    last version sent to DoST for everyone else, None when nothing has been sent yet."""
    from tdc.plans.reporting import report_content

    if is_report_owner(user, report):
        return report_content(report)
    version = last_sent_version(report)
    return dict(version.content) if version is not None else None


def get_evidence_for_user(user: Any, report: ProgressReport, pk: int) -> Evidence:
    """An evidence file of a report: its own organisation sees them all; others only the files
    that were part of a version sent to DoST."""
    evidence = get_object_or_404(Evidence, pk=pk, report=report)
    if is_report_owner(user, report) and evidence.removed_at is None:
        return evidence
    content = report_content_for_user(user, report) or {}
    if evidence.pk not in {item["id"] for item in content.get("evidence", [])}:
        raise_not_found()
    return evidence


# --- Explanations, indicators, syntheses --------------------------------------------------------


def explanations_visible_to(user: Any) -> QuerySet[ExplanationRequest]:
    return restrict(
        ExplanationRequest.objects.select_related("period", "period__plan", "organisation"),
        user,
        organisation_field="organisation",
        province_field="period__plan__province",
    )


def get_explanation_for_user(user: Any, pk: int) -> ExplanationRequest:
    return get_object_or_404(explanations_visible_to(user), pk=pk)


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    return Indicator.objects.select_related("plan", "plan__province").filter(
        plan__in=plans_visible_to(user)
    )


def get_indicator_for_user(user: Any, pk: int) -> Indicator:
    return get_object_or_404(indicators_visible_to(user), pk=pk)


def syntheses_visible_to(user: Any) -> QuerySet[Synthesis]:
    """Syntheses are DoST's documents: its officers, leadership and the Ministry read them."""
    syntheses = Synthesis.objects.select_related("period", "period__plan", "period__plan__province")
    if not can_monitor(user):
        return syntheses.none()
    return syntheses.filter(period__plan__in=plans_visible_to(user))


def get_synthesis_for_user(user: Any, pk: int) -> Synthesis:
    return get_object_or_404(syntheses_visible_to(user), pk=pk)


def can_view_organisation(user: Any, organisation_id: int, province_id: int | None) -> bool:
    return can_view(user, organisation_id=organisation_id, province_id=province_id)


def raise_not_found() -> NoReturn:
    raise Http404

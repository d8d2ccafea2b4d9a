"""The one door to plans: who may see or change which plan, task, assignment, report,
indicator, synthesis and import draft.

Every view, API endpoint, export and job of `plans` asks this module, and nothing else, which
records a user reaches. `get_<noun>_for_user` answers 404 for "missing" and "not yours" alike;
`require_officer` refuses (PermissionDenied) anyone who does not manage the plan.

The rule (what a user would expect):

| who                                        | plans, their tasks, periods, indicators      |
|--------------------------------------------|----------------------------------------------|
| system administrator, Ministry viewer      | every province, read                         |
| TĐC officer                                | own province: reads, manages, reviews         |
| leadership viewer                          | own province, read-only                      |
| agency reporter / approver, commune officer| read-only, every confirmed plan in which its |
|                                            | organisation holds an active assignment: the |
|                                            | plan, the tasks assigned to it, the plan's   |
|                                            | indicators                                   |
| complaint custodian, business user         | nothing                                      |

- A plan exists only once its import draft was confirmed: the drafts (`PlanImportDraft`) stay
  with the DoST — the TĐC officers of that province — and system administrators.
- Reports and explanation requests: an organisation's own; the province's for its TĐC
  officers and leadership; every province's for the Ministry and system administrators. A
  report's working copy is read only by its own organisation; everyone else reads the last
  version sent to DoST.
- Only the organisation's reporters (and approvers) write and submit its reports; only its
  approvers approve them; only a TĐC officer of the plan's province accepts, returns, reopens,
  manages tasks, periods, indicators and the synthesis.
- Segregation of duties: nobody accepts or returns a report they wrote or sent (the DoST's own
  report goes to another officer); an approver's own report goes to another approver of the
  organisation, or — when there is none — to DoST marked as self-approved.
- Syntheses are DoST's documents: monitors (officers, leadership, the Ministry, system
  administrators) read those of the plans they see.

Capabilities (`tdc.accounts.capabilities`) say what kind of user may do what at all; this
module combines them with *which* records (own organisation, province, every province).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.http import AnyUser
from tdc.accounts.models import Organisation, User
from tdc.accounts.permissions import Reach, restrict, scope_for
from tdc.core.queries import audit_actor_ids
from tdc.plans.models import (
    Assignment,
    Evidence,
    ExplanationRequest,
    Indicator,
    Notification,
    Plan,
    PlanImportDraft,
    ProgressReport,
    ReportingPeriod,
    ReportVersion,
    Synthesis,
    Task,
)

if TYPE_CHECKING:
    from tdc.plans.queries.reporting import ReportContent

PLAN_CAPABILITIES = (
    Capability.IMPORT_PLANS,
    Capability.MANAGE_PLANS,
    Capability.WRITE_REPORTS,
    Capability.APPROVE_REPORTS,
    Capability.REVIEW_REPORTS,
    Capability.MONITOR_PLANS,
)


def raise_not_found() -> NoReturn:
    raise Http404


def _user(user: AnyUser | None) -> User | None:
    """The logged-in, active user, or None."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


# --- Who takes part at all ---------------------------------------------------------------------


def takes_part_in_plans(user: AnyUser | None) -> bool:
    """Holds any capability of plans (custodians and business users do not)."""
    return any(can(user, capability) for capability in PLAN_CAPABILITIES)


def can_monitor(user: AnyUser | None) -> bool:
    """May open the monitoring pages (read-only for leadership and the Ministry)."""
    return can(user, Capability.MONITOR_PLANS)


def sees_every_province(user: AnyUser | None) -> bool:
    return can(user, Capability.SEE_EVERY_PROVINCE)


def _province_of(user: User) -> int | None:
    return user.organisation.province_id if user.organisation is not None else None


def manages_plan(user: AnyUser | None, plan: Plan) -> bool:
    """A TĐC officer of the plan's province: the one who manages it."""
    member = _user(user)
    return (
        member is not None
        and can(member, Capability.MANAGE_PLANS)
        and member.organisation_id is not None
        and _province_of(member) == plan.province_id
    )


def require_officer(user: AnyUser | None, plan: Plan) -> None:
    """Refuse (PermissionDenied) anyone but a TĐC officer of the plan's province; never None."""
    if user is None or not manages_plan(user, plan):
        raise PermissionDenied


# --- Plans, tasks, import drafts ---------------------------------------------------------------


def plans_visible_to(user: AnyUser | None) -> QuerySet[Plan]:
    """The (confirmed) plans `user` may read."""
    plans = Plan.objects.select_related("province", "owner")
    member = _user(user)
    if member is None:
        return plans.none()
    if sees_every_province(member):
        return plans
    if can_monitor(member):
        province_id = _province_of(member)
        return plans.filter(province_id=province_id) if province_id is not None else plans.none()
    if can(member, Capability.WRITE_REPORTS) and member.organisation_id is not None:
        held = Assignment.objects.filter(
            task__plan=OuterRef("pk"), organisation_id=member.organisation_id, is_active=True
        )
        return plans.filter(Exists(held))
    return plans.none()


def _sees_whole_plans(user: AnyUser | None) -> bool:
    """Reads every task of the plans it sees (the monitors), not only its own."""
    return can_monitor(user)


def tasks_visible_to(user: AnyUser | None) -> QuerySet[Task]:
    """The tasks of the visible plans; an agency or commune sees the tasks assigned to it."""
    tasks = Task.objects.select_related("plan", "plan__province", "plan__owner", "group").filter(
        plan__in=plans_visible_to(user)
    )
    member = _user(user)
    if member is None or _sees_whole_plans(member):
        return tasks
    if member.organisation_id is None:
        return tasks.none()
    held = Assignment.objects.filter(
        task=OuterRef("pk"), organisation_id=member.organisation_id, is_active=True
    )
    return tasks.filter(Exists(held))


def get_plan_for_user(user: AnyUser | None, pk: int) -> Plan:
    return get_object_or_404(plans_visible_to(user), pk=pk)


def get_task_for_user(user: AnyUser | None, pk: int) -> Task:
    return get_object_or_404(tasks_visible_to(user), pk=pk)


def visible_task_ids(user: AnyUser | None, plan: Plan) -> set[int]:
    """The ids of the plan's tasks `user` may open (links on the plan's page)."""
    return set(tasks_visible_to(user).filter(plan=plan).values_list("pk", flat=True))


def get_managed_plan_for_user(user: AnyUser | None, pk: int) -> Plan:
    """A plan the user manages as TĐC officer; 404 otherwise."""
    plan = get_plan_for_user(user, pk)
    if not manages_plan(user, plan):
        raise_not_found()
    return plan


def get_managed_task_for_user(user: AnyUser | None, pk: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan", "group"), pk=pk)
    if not manages_plan(user, task.plan):
        raise_not_found()
    return task


def get_monitored_plan_for_user(user: AnyUser | None, pk: int) -> Plan:
    """A plan for the monitoring pages: 403 for non-monitors, 404 for a plan out of reach."""
    if not can_monitor(user):
        raise PermissionDenied
    return get_plan_for_user(user, pk)


def can_import_plans(user: AnyUser | None) -> bool:
    """TĐC officers import their province's plans; system administrators any province's."""
    if not can(user, Capability.IMPORT_PLANS):
        return False
    return scope_for(user, action="change").reach >= Reach.PROVINCE


def import_drafts_for(user: AnyUser | None) -> QuerySet[PlanImportDraft]:
    """Import drafts not yet imported nor discarded (being read, pending, or failed) that `user`
    may correct and confirm: its province's (every one for a system administrator)."""
    drafts = PlanImportDraft.objects.filter(
        status__in=(
            PlanImportDraft.Status.PARSING,
            PlanImportDraft.Status.PENDING,
            PlanImportDraft.Status.FAILED,
        )
    ).select_related("province", "uploaded_by")
    if not can_import_plans(user):
        return drafts.none()
    return restrict(
        drafts,
        user,
        action="change",
        organisation_field="uploaded_by__organisation",
        province_field="province",
    )


def imported_draft_plan(user: AnyUser | None, pk: int) -> Plan | None:
    """The plan an imported draft became, when `user` may read that plan (else None)."""
    draft = PlanImportDraft.objects.filter(
        pk=pk, status=PlanImportDraft.Status.IMPORTED, plan__isnull=False
    ).first()
    if draft is None or draft.plan_id is None:
        return None
    return plans_visible_to(user).filter(pk=draft.plan_id).first()


def get_import_draft_for_user(user: AnyUser | None, pk: int) -> PlanImportDraft:
    """An open draft (being read, pending or failed) of a province the user may change."""
    return get_object_or_404(import_drafts_for(user), pk=pk)


# --- Reporting periods ---------------------------------------------------------------------------


def periods_visible_to(user: AnyUser | None) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("plan", "plan__province").filter(
        plan__in=plans_visible_to(user)
    )


def get_period_for_user(user: AnyUser | None, pk: int) -> ReportingPeriod:
    return get_object_or_404(periods_visible_to(user), pk=pk)


def get_monitored_period_for_user(user: AnyUser | None, pk: int) -> ReportingPeriod:
    """403 for non-monitors, 404 for a period out of reach."""
    if not can_monitor(user):
        raise PermissionDenied
    return get_period_for_user(user, pk)


def get_managed_period_for_user(user: AnyUser | None, pk: int) -> ReportingPeriod:
    period = get_period_for_user(user, pk)
    if not manages_plan(user, period.plan):
        raise_not_found()
    return period


# --- Reports -------------------------------------------------------------------------------------


def reports_visible_to(user: AnyUser | None) -> QuerySet[ProgressReport]:
    """Reports of the organisations the user reaches (states only; content via the door)."""
    reports = ProgressReport.objects.select_related(
        "period", "period__plan", "organisation", "assignment", "assignment__task"
    )
    if not takes_part_in_plans(user):
        return reports.none()
    return restrict(
        reports,
        user,
        organisation_field="organisation",
        province_field="period__plan__province",
    )


def get_report_for_user(user: AnyUser | None, pk: int) -> ProgressReport:
    """The only way views and the API load a report. 404 for 'missing' and 'not yours' alike."""
    return get_object_or_404(reports_visible_to(user), pk=pk)


def is_report_owner(user: AnyUser | None, report: ProgressReport) -> bool:
    """A member of the reporting organisation who writes its reports."""
    member = _user(user)
    return (
        member is not None
        and member.organisation_id == report.organisation_id
        and can(member, Capability.WRITE_REPORTS)
    )


def report_author_ids(report: ProgressReport) -> frozenset[int]:
    """Everyone who wrote or sent the report: every save in the audit log, every submission
    from a draft, and its last editor (an approver approving someone else's draft is not one)."""
    saved = audit_actor_ids(
        action="progress_report.saved", target_type="plans.progressreport", target_id=report.pk
    )
    sent = report.events.filter(
        from_state__in=(ProgressReport.State.DRAFT, ProgressReport.State.RETURNED),
        actor__isnull=False,
    ).values_list("actor_id", flat=True)
    editor = {report.last_edited_by_id} if report.last_edited_by_id else set()
    return frozenset({*saved, *sent, *editor})


def is_report_author(user: AnyUser | None, report: ProgressReport) -> bool:
    member = _user(user)
    return member is not None and member.pk in report_author_ids(report)


def can_edit_report(user: AnyUser | None, report: ProgressReport) -> bool:
    return is_report_owner(user, report) and report.is_editable


def may_approve_report(user: AnyUser | None, report: ProgressReport) -> bool:
    """An approver of the reporting organisation (whatever the report's state)."""
    member = _user(user)
    return (
        member is not None
        and member.organisation_id == report.organisation_id
        and can(member, Capability.APPROVE_REPORTS)
    )


def can_approve_report(user: AnyUser | None, report: ProgressReport) -> bool:
    """May approve it now: an approver of its organisation, and the report awaits approval."""
    return (
        may_approve_report(user, report) and report.state == ProgressReport.State.PENDING_APPROVAL
    )


def can_decide_report(user: AnyUser | None, report: ProgressReport) -> bool:
    """May accept or return it: a reviewer of the plan's province who did not write it."""
    return can_review_report(user, report) and not is_report_author(user, report)


def can_review_report(user: AnyUser | None, report: ProgressReport) -> bool:
    """A TĐC officer of the plan's province accepts, returns and reopens."""
    member = _user(user)
    return (
        member is not None
        and can(member, Capability.REVIEW_REPORTS)
        and member.organisation_id is not None
        and _province_of(member) == report.period.plan.province_id
    )


def last_sent_version(report: ProgressReport) -> ReportVersion | None:
    return report.versions.order_by("-number").first()


def report_content_for_user(user: AnyUser | None, report: ProgressReport) -> ReportContent | None:
    """What this user may read of a report: the working copy for its own organisation, the
    last version sent to DoST for everyone else, None when nothing has been sent yet."""
    # queries.reporting reads through this door (my tasks), so it is imported when needed.
    from tdc.plans.queries.reporting import report_content, version_content

    if is_report_owner(user, report):
        return report_content(report)
    version = last_sent_version(report)
    return version_content(version) if version is not None else None


def get_evidence_for_user(user: AnyUser | None, report: ProgressReport, pk: int) -> Evidence:
    """An evidence file of a report: its own organisation sees them all; others only the files
    that were part of a version sent to DoST."""
    evidence = get_object_or_404(Evidence, pk=pk, report=report)
    if is_report_owner(user, report) and evidence.removed_at is None:
        return evidence
    content = report_content_for_user(user, report)
    sent = content["evidence"] if content is not None else []
    if evidence.pk not in {item["id"] for item in sent}:
        raise_not_found()
    return evidence


def get_agency_export_for_user(
    user: AnyUser | None, period_pk: int
) -> tuple[ReportingPeriod, Organisation]:
    """The period and the user's organisation, when it writes reports expected in that period;
    404 otherwise."""
    period = get_period_for_user(user, period_pk)
    member = _user(user)
    organisation = member.organisation if member is not None else None
    if member is None or organisation is None or not can(member, Capability.WRITE_REPORTS):
        raise_not_found()
    expected = ProgressReport.objects.expected().filter(period=period, organisation=organisation)
    if not reports_visible_to(member).filter(pk__in=expected.values("pk")).exists():
        raise_not_found()
    return period, organisation


# --- Explanations, notifications -----------------------------------------------------------------


def explanations_visible_to(user: AnyUser | None) -> QuerySet[ExplanationRequest]:
    explanations = ExplanationRequest.objects.select_related(
        "period", "period__plan", "organisation"
    )
    if not takes_part_in_plans(user):
        return explanations.none()
    return restrict(
        explanations,
        user,
        organisation_field="organisation",
        province_field="period__plan__province",
    )


def get_explanation_for_user(user: AnyUser | None, pk: int) -> ExplanationRequest:
    return get_object_or_404(explanations_visible_to(user), pk=pk)


def may_answer_explanation(user: AnyUser | None, explanation: ExplanationRequest) -> bool:
    """A member of the asked organisation who writes its reports."""
    member = _user(user)
    return (
        member is not None
        and member.organisation_id == explanation.organisation_id
        and can(member, Capability.WRITE_REPORTS)
    )


def can_answer_explanation(user: AnyUser | None, explanation: ExplanationRequest) -> bool:
    return may_answer_explanation(user, explanation) and not explanation.is_answered


def notifications_visible_to(user: AnyUser | None) -> QuerySet[Notification]:
    """A person's own notifications, newest first."""
    member = _user(user)
    if member is None:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=member)


def get_notification_for_user(user: AnyUser | None, pk: int) -> Notification:
    return get_object_or_404(notifications_visible_to(user), pk=pk)


# --- Indicators, syntheses -----------------------------------------------------------------------


def indicators_visible_to(user: AnyUser | None) -> QuerySet[Indicator]:
    """The indicators of the plans the user sees."""
    return Indicator.objects.select_related("plan", "plan__province").filter(
        plan__in=plans_visible_to(user)
    )


def get_indicator_for_user(user: AnyUser | None, pk: int) -> Indicator:
    return get_object_or_404(indicators_visible_to(user), pk=pk)


def syntheses_visible_to(user: AnyUser | None) -> QuerySet[Synthesis]:
    """Syntheses are DoST's documents: its officers, leadership and the Ministry read them."""
    syntheses = Synthesis.objects.select_related("period", "period__plan", "period__plan__province")
    if not can_monitor(user):
        return syntheses.none()
    return syntheses.filter(period__plan__in=plans_visible_to(user))


def get_synthesis_for_user(user: AnyUser | None, pk: int) -> Synthesis:
    return get_object_or_404(syntheses_visible_to(user), pk=pk)

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdc.accounts.models import Organisation
from tdc.accounts.tests.factories import OrganisationFactory
from tdc.core.models import AuditEvent
from tdc.plans.models import Assignment, Indicator, ProgressReport, ReportingPeriod, Task, TaskUnit
from tdc.plans.queries.assignments import TaskStatus, combined_task_status, task_status
from tdc.plans.services.assignments import (
    assign_plan,
    create_task,
    reassign_task,
    split_task,
    update_task,
)
from tdc.plans.tests.factories import make_plan, make_target

LEAD, PARTNER = TaskUnit.Role.LEAD, TaskUnit.Role.PARTNER


@pytest.fixture(autouse=True)
def before_the_deadline(time_machine):
    """1 October 2026: the yearly period (due 10/11/2026) is still open."""
    time_machine.move_to(
        dt.datetime(2026, 10, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False
    )


@pytest.fixture
def second_commune(province):
    return OrganisationFactory(
        name="UBND Phường Cam Ranh", kind=Organisation.Kind.COMMUNE_COMMITTEE, province=province
    )


@pytest.fixture
def plan(dost, agency, other_agency, commune_org, second_commune, business, ministry):
    return make_plan(
        dost,
        [
            {
                "number": "1.1",
                "leads": [dost, "all_departments", "all_communes"],
                "partners": ["enterprises", ministry, business],
            },
            {"number": "1.2", "leads": [agency], "partners": [other_agency, "all_departments"]},
            {"number": "1.3", "leads": [dost], "partners": ["related_agencies"]},
        ],
    )


def _pairs(plan):
    return sorted(
        (a.task.number, a.organisation.name, a.role)
        for a in Assignment.objects.filter(task__plan=plan).select_related("task", "organisation")
    )


def test_assign_plan_expands_collectives_to_the_province_communes_and_departments(plan):
    setup = assign_plan(plan)

    assert _pairs(plan) == [
        ("1.1", "Sở Khoa học và Công nghệ", LEAD),
        ("1.1", "Sở Tài chính", LEAD),
        ("1.1", "Sở Y tế", LEAD),
        ("1.1", "UBND Phường Cam Ranh", LEAD),
        ("1.1", "UBND Phường Nha Trang", LEAD),
        ("1.2", "Sở Tài chính", LEAD),
        ("1.2", "Sở Y tế", PARTNER),
        ("1.3", "Sở Khoa học và Công nghệ", LEAD),
    ]
    # "các doanh nghiệp", "các cơ quan, đơn vị có liên quan", the Ministry and a business do not
    # report to the province's DoST.
    assert (setup.assignments, setup.unassigned_units) == (8, 4)


def test_assign_plan_opens_the_yearly_period_from_the_plans_deadline_and_expects_a_report_each(
    plan,
):
    setup = assign_plan(plan)

    period = ReportingPeriod.objects.get(plan=plan)
    assert (period.kind, period.title, period.deadline) == (
        "annual",
        "Báo cáo năm 2026",
        dt.date(2026, 11, 10),
    )
    assert period.synthesis_deadline == dt.date(2026, 11, 20)
    assert (
        period.on_time_cutoff.isoformat() == "2026-11-10T16:59:59+00:00"
    )  # 23:59:59 in Hà Nội time
    assert (setup.periods, setup.reports) == (1, 8)
    assert ProgressReport.objects.filter(period=period, state="draft").count() == 8


def test_assign_plan_is_idempotent(plan):
    assign_plan(plan)
    events = AuditEvent.objects.count()

    again = assign_plan(plan)

    assert (again.assignments, again.indicators, again.periods, again.reports) == (0, 0, 0, 0)
    assert Assignment.objects.filter(task__plan=plan).count() == 8
    assert ProgressReport.objects.filter(period__plan=plan).count() == 8
    assert AuditEvent.objects.count() == events


def test_assign_plan_adds_a_commune_created_later_and_keeps_an_officers_changes(
    plan, officer, province, agency
):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.2")
    reassign_task(task, by=officer, leads=[agency])  # drops Sở Y tế as partner
    OrganisationFactory(
        name="UBND Xã Vạn Ninh", kind=Organisation.Kind.COMMUNE_COMMITTEE, province=province
    )

    setup = assign_plan(plan)

    assert setup.assignments == 1
    assert ("1.1", "UBND Xã Vạn Ninh", LEAD) in _pairs(plan)
    assert not Assignment.objects.get(task=task, organisation__name="Sở Y tế").is_active


def test_assign_plan_creates_an_indicator_for_every_target(plan):
    make_target(plan)
    make_target(
        plan,
        text="100% các sở, ban, ngành tổ chức quán triệt, tuyên truyền Chỉ thị",
        value=100,
        unit="%",
        comparator="=",
    )
    make_target(
        plan,
        text="Hằng năm khảo sát chất lượng ít nhất 20 sản phẩm",
        value=20,
        unit="sản phẩm",
        period="annual",
        position=3,
    )

    setup = assign_plan(plan)

    assert setup.indicators == 3
    rows = list(
        Indicator.objects.filter(plan=plan).values_list(
            "unit", "deadline", "aggregation", "metric_key"
        )
    )
    assert rows == [
        ("diễn đàn", dt.date(2030, 12, 31), "cumulative", "capacity.forums_held"),
        ("%", dt.date(2030, 12, 31), "level", "plans.dissemination_reporting_share"),
        ("sản phẩm", dt.date(2030, 12, 31), "annual", "surveillance.products_surveyed"),
    ]


@pytest.mark.parametrize(
    ("due", "completed_on", "expected"),
    [
        (dt.date(2026, 6, 30), dt.date(2026, 6, 30), TaskStatus.DONE_ON_TIME),
        (dt.date(2026, 6, 30), dt.date(2026, 7, 1), TaskStatus.DONE_LATE),
        (dt.date(2026, 12, 31), None, TaskStatus.IN_PROGRESS),
        (dt.date(2026, 11, 21), None, TaskStatus.OVERDUE),
        (None, None, TaskStatus.IN_PROGRESS),
        (None, dt.date(2026, 3, 1), TaskStatus.DONE_ON_TIME),
    ],
)
def test_task_status_uses_the_four_statuses_of_vietnamese_task_statistics(
    due, completed_on, expected
):
    assert task_status(due=due, completed_on=completed_on, today=dt.date(2026, 11, 22)) == expected


def test_a_task_is_done_only_when_every_lead_is_done(plan):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.1")
    task.due_date = dt.date(2026, 10, 31)
    assignments = list(task.assignments.all())
    for assignment in assignments[:-1]:
        assignment.completed_on = dt.date(2026, 10, 1)

    assert combined_task_status(task, assignments, dt.date(2026, 11, 22)) == TaskStatus.OVERDUE
    assignments[-1].completed_on = dt.date(2026, 11, 5)
    assert combined_task_status(task, assignments, dt.date(2026, 11, 22)) == TaskStatus.DONE_LATE


def test_officer_adds_a_task_with_its_assignments_and_the_audit_log_says_so(
    plan, officer, agency, other_agency
):
    assign_plan(plan)

    task = create_task(
        plan,
        by=officer,
        content="Tổ chức hội nghị sơ kết 01 năm thực hiện Kế hoạch",
        number="7.1",
        leads=[agency],
        partners=[other_agency],
        due_date=dt.date(2026, 12, 15),
    )

    assert sorted((a.organisation.name, a.role) for a in task.assignments.all()) == [
        ("Sở Tài chính", LEAD),
        ("Sở Y tế", PARTNER),
    ]
    event = AuditEvent.objects.get(action="task.created")
    assert (event.actor, event.target_id) == (officer, str(task.pk))
    assert event.data["assignments"] == sorted([[agency.pk, LEAD], [other_agency.pk, PARTNER]])
    # The open yearly period now expects two more reports.
    assert ProgressReport.objects.filter(assignment__task=task).count() == 2


def test_officer_edits_a_task_and_the_audit_log_keeps_old_and_new(plan, officer):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.3")

    update_task(task, by=officer, due_date=dt.date(2026, 12, 31), timeline="Quý IV/2026")

    event = AuditEvent.objects.get(action="task.updated")
    assert event.data["changes"] == {
        "timeline": {"old": "Năm 2026 và những năm tiếp theo", "new": "Quý IV/2026"},
        "due_date": {"old": None, "new": "2026-12-31"},
    }


def test_officer_splits_a_task_into_parts_that_keep_its_assignments(plan, officer):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.2")

    parts = split_task(
        task, by=officer, parts=["Xây dựng dự toán kinh phí", "Bố trí vốn đầu tư công trung hạn"]
    )

    task.refresh_from_db()
    assert not task.is_active
    assert [(p.number, p.content, p.split_from_id) for p in parts] == [
        ("1.2.1", "Xây dựng dự toán kinh phí", task.pk),
        ("1.2.2", "Bố trí vốn đầu tư công trung hạn", task.pk),
    ]
    for part in parts:
        assert sorted((a.organisation.name, a.role) for a in part.assignments.all()) == [
            ("Sở Tài chính", LEAD),
            ("Sở Y tế", PARTNER),
        ]
        assert sorted((u.text, u.role) for u in part.units.all()) == sorted(
            (u.text, u.role) for u in task.units.all()
        )
    assert AuditEvent.objects.get(action="task.split").data["into"] == [p.pk for p in parts]
    # The original's reports no longer count; each part expects its own.
    assert ProgressReport.objects.expected().filter(period__plan=plan).count() == 10


def test_officer_reassigns_a_task_deactivating_the_dropped_organisation(
    plan, officer, agency, other_agency
):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.2")

    reassign_task(task, by=officer, leads=[other_agency], partners=[agency])

    assert sorted((a.organisation.name, a.role, a.is_active) for a in task.assignments.all()) == [
        ("Sở Tài chính", PARTNER, True),
        ("Sở Y tế", LEAD, True),
    ]
    event = AuditEvent.objects.get(action="task.reassigned")
    assert event.data["changes"]["assignments"] == {
        "old": sorted([[agency.pk, LEAD], [other_agency.pk, PARTNER]]),
        "new": sorted([[agency.pk, PARTNER], [other_agency.pk, LEAD]]),
    }


def test_only_a_tdc_officer_of_the_province_changes_tasks(
    plan, reporter, leader, other_province_officer, agency
):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.2")

    for user in (reporter, leader, other_province_officer):
        with pytest.raises(PermissionDenied):
            reassign_task(task, by=user, leads=[agency])
        with pytest.raises(PermissionDenied):
            update_task(task, by=user, content="Sửa trái phép")
    assert not AuditEvent.objects.filter(action__startswith="task.").exists()


def test_a_split_needs_two_parts_and_a_reassignment_a_lead(plan, officer):
    assign_plan(plan)
    task = Task.objects.get(plan=plan, number="1.2")

    with pytest.raises(ValidationError):
        split_task(task, by=officer, parts=["Chỉ một phần", "  "])
    with pytest.raises(ValidationError):
        reassign_task(task, by=officer, leads=[])

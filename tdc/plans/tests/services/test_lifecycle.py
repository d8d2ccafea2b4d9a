"""A plan's life cycle: withdrawal, versions (the two Khánh Hòa seeds, task by task) with
carry-over, and sub-plans rolling up into the province's dashboard and synthesis."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tdc.accounts import demo as accounts_demo
from tdc.accounts.models import User
from tdc.core.models import AuditEvent
from tdc.plans.demo import plans as plans_demo
from tdc.plans.models import Assignment, Plan, ProgressReport, Task
from tdc.plans.queries.monitoring import tasks_by_group_and_status
from tdc.plans.queries.versions import ADDED, REMOVED, REWORDED, SAME, plan_diff
from tdc.plans.services.lifecycle import link_sub_plan, replace_plan, withdraw_plan
from tdc.plans.tests.factories import HANOI, imported_plan

pytestmark = pytest.mark.django_db


def test_withdrawing_a_plan_closes_its_open_reports_and_deletes_nothing(officer, dost, agency):
    plan = imported_plan(dost.province)
    reports = ProgressReport.objects.filter(period__plan=plan).count()
    assert ProgressReport.objects.expected().filter(period__plan=plan).count() == reports > 0

    withdraw_plan(plan, by=officer, reason="Nhập nhầm văn bản dự thảo")

    plan.refresh_from_db()
    assert (plan.status, plan.withdrawn_reason) == ("withdrawn", "Nhập nhầm văn bản dự thảo")
    assert ProgressReport.objects.filter(period__plan=plan).count() == reports
    assert not ProgressReport.objects.expected().filter(period__plan=plan).exists()
    assert not Assignment.objects.filter(task__plan=plan, is_active=True).exists()
    event = AuditEvent.objects.get(action="plan.withdrawn")
    assert (event.actor, event.data["reason"]) == (officer, "Nhập nhầm văn bản dự thảo")
    with pytest.raises(ValidationError):
        withdraw_plan(plan, by=officer, reason="Lần nữa")


def test_a_withdrawal_needs_a_reason_and_the_plans_officer(officer, other_province_officer, dost):
    plan = imported_plan(dost.province)
    with pytest.raises(ValidationError):
        withdraw_plan(plan, by=officer, reason="  ")
    with pytest.raises(PermissionDenied):
        withdraw_plan(plan, by=other_province_officer, reason="Không phải của tôi")
    assert Plan.objects.get(pk=plan.pk).status == "active"


def test_the_officer_withdraws_a_plan_from_its_page(client, officer, reporter, dost):
    plan = imported_plan(dost.province)
    client.force_login(reporter)
    assert client.post(
        reverse("plans:plan_withdraw", args=[plan.pk]), {"reason": "x"}
    ).status_code in (403, 404)
    client.force_login(officer)
    assert "Thu hồi kế hoạch" in client.get(plan.get_absolute_url()).content.decode()

    response = client.post(reverse("plans:plan_withdraw", args=[plan.pk]), {"reason": "Bị bãi bỏ"})

    assert response.status_code == 302
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Lý do: Bị bãi bỏ" in page


def test_a_refused_withdrawal_keeps_the_reason_as_typed(client, officer, dost):
    """A reason over 2,000 characters (pasted past the browser's limit): the page comes back
    with the text and the field's own message, and the plan stays active."""
    plan = imported_plan(dost.province)
    client.force_login(officer)
    reason = "Văn bản bị bãi bỏ theo Quyết định số 12/QĐ-UBND. " * 50

    response = client.post(reverse("plans:plan_withdraw", args=[plan.pk]), {"reason": reason})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản bị bãi bỏ theo Quyết định số 12/QĐ-UBND." in page
    assert "Giá trị này chỉ có tối đa 2000 kí tự" in page
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE


@pytest.fixture
def khanh_hoa(time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 9, tzinfo=HANOI), tick=False)
    accounts_demo.load(io.StringIO())
    plans_demo.load(io.StringIO())
    return (
        Plan.objects.get(source_filename="000_6e5e5aaf15dc4918.txt"),
        Plan.objects.get(source_filename="002_4c4b0f05aca448ef.txt"),
    )


# The 2026 plan against the 2025 one: (change, position of the task in 2025, number in 2026).
KHANH_HOA_DIFF = [
    (REWORDED, 0, "1.1"),
    (ADDED, None, "2.1"),
    (ADDED, None, "2.2"),
    (ADDED, None, "2.3"),
    (SAME, 5, "2.4"),
    (REWORDED, 6, "2.5"),
    (REWORDED, 7, "2.6"),
    (REWORDED, 8, "2.7"),
    (ADDED, None, ""),
    (REWORDED, 9, "2.8"),
    (SAME, 10, "2.9"),
    (REWORDED, 11, "3.1"),
    (SAME, 12, "3.2"),
    (REWORDED, 13, "3.3"),
    (REWORDED, 14, "4.1"),
    (SAME, 15, "4.2"),
    (REWORDED, 16, "4.3"),
    (REWORDED, 17, "4.4"),
    (REWORDED, 18, "4.5"),
    (REWORDED, 19, "5.1"),
    (SAME, 20, "5.2"),
    (REWORDED, 21, "5.3"),
    (ADDED, None, "6.1"),
    (SAME, 22, "6.2"),
    (REWORDED, 23, "6.3"),
    (REMOVED, 1, None),
    (REMOVED, 2, None),
    (REMOVED, 3, None),
    (REMOVED, 4, None),
]


def test_the_two_khanh_hoa_seeds_differ_task_by_task(khanh_hoa):
    old, new = khanh_hoa

    diff = plan_diff(old, new)

    assert [
        (c.kind, c.old.position if c.old else None, c.new.number if c.new else None)
        for c in diff.tasks
    ] == KHANH_HOA_DIFF
    assert diff.counts() == {
        "same": 6,
        "reworded": 14,
        "added": 5,
        "removed": 4,
        # 2025 names no lead and no timeline: every task in both gains them in 2026.
        "leads_changed": 20,
        "timelines_changed": 20,
    }
    removed = [c.old.content for c in diff.of_kind(REMOVED)]
    assert removed[0].startswith("Đa dạng hóa công tác tuyên truyền thông qua")
    same = diff.of_kind(SAME)[0]
    assert (same.leads_before, same.timeline_before) == ([], "")
    assert same.timeline_after == "Năm 2026 và những năm tiếp theo"


def test_a_new_version_carries_over_what_was_done_on_the_same_task(khanh_hoa):
    old, new = khanh_hoa
    officer = User.objects.get(username="canbo.tdc")
    task_2025 = Task.objects.get(plan=old, position=5)  # the same task as 2.4 in 2026
    lead_2026 = Assignment.objects.filter(task__plan=new, task__number="2.4", role="lead").first()
    assert lead_2026 is not None
    # In 2025 the officer had given that body the task and it was done.
    done_2025 = Assignment.objects.create(
        task=task_2025,
        organisation=lead_2026.organisation,
        role="lead",
        completed_on=dt.date(2025, 11, 30),
    )

    summary = replace_plan(old, new, by=officer)

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.previous) == ("replaced", old)
    carried = Assignment.objects.get(pk=lead_2026.pk)
    assert carried.completed_on == done_2025.completed_on
    assert summary["assignments_carried"] == 1
    assert not Assignment.objects.filter(task__plan=old, is_active=True).exists()
    assert not ProgressReport.objects.expected().filter(period__plan=old).exists()


def test_the_versions_page_lists_the_changes(client, khanh_hoa):
    old, new = khanh_hoa
    officer = User.objects.get(username="canbo.tdc")
    client.force_login(officer)
    response = client.post(reverse("plans:plan_replace", args=[new.pk]), {"plan": old.pk})
    assert response.url == reverse("plans:plan_versions", args=[new.pk])

    page = client.get(response.url).content.decode()

    assert (
        "Đã ghi nhận phiên bản mới của kế hoạch. Chuyển sang phiên bản mới: 0 báo cáo của kỳ còn "
        "mở, 0 phân công đã hoàn thành, 0 số liệu chỉ tiêu."
    ) in page
    assert "5 nhiệm vụ mới" in page
    assert "4 nhiệm vụ bỏ" in page
    assert "14 nhiệm vụ sửa lời văn" in page
    assert "Đa dạng hóa công tác tuyên truyền" in page


def test_a_sub_plan_rolls_up_into_the_provinces_dashboard_and_synthesis(officer, dost, agency):
    from tdc.plans.queries.synthesis import collect_synthesis_data

    province_plan = imported_plan(dost.province)
    own = imported_plan(dost.province, marker="-tai-chinh", title="Kế hoạch của Sở Tài chính")

    link_sub_plan(own, province_plan, by=officer, issued_by=agency)

    own.refresh_from_db()
    assert (own.parent, own.issued_by) == (province_plan, agency)
    period = province_plan.reporting_periods.get()
    data = collect_synthesis_data(period)
    assert [g["title"] for g in data["groups"]][-1] == "Kế hoạch của Sở Tài chính"
    sub_tasks = data["groups"][-1]["tasks"]
    assert len(sub_tasks) == own.tasks.filter(is_active=True).count()
    rows = tasks_by_group_and_status(province_plan, today=timezone.localdate())
    assert [row.label for row in rows][-2:] == [
        "Kế hoạch triển khai: Kế hoạch của Sở Tài chính",
        "Tổng cộng",
    ]
    assert rows[-2].total == own.tasks.filter(is_active=True).count()


def test_reports_of_open_periods_carry_over_to_the_same_and_reworded_tasks(khanh_hoa, client):
    """2025 → 2026 in Khánh Hòa: a report on a task that is the same (2025 #5 → 2.4) and one
    on a reworded task (2025 #0 → 1.1), in the open 2026 period, move with the plan; one on a
    removed task (2025 #1), and one in the closed 2025 period, stay on the old version."""
    from tdc.plans.models import ReportingPeriod, ReportVersion
    from tdc.plans.queries.reporting import report_content

    old, new = khanh_hoa
    officer = User.objects.get(username="canbo.tdc")
    open_2026 = old.reporting_periods.get(kind="annual", year=2026)
    closed_2025 = ReportingPeriod.objects.create(
        plan=old,
        kind="annual",
        year=2025,
        title="Báo cáo năm 2025",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        opened_on=dt.date(2025, 10, 1),
        deadline=dt.date(2025, 11, 10),
        on_time_cutoff=dt.datetime(2025, 11, 10, 23, 59, tzinfo=HANOI),
    )
    same_lead = Assignment.objects.filter(task__plan=new, task__number="2.4", role="lead").first()
    reworded_lead = Assignment.objects.filter(
        task__plan=new, task__number="1.1", role="lead"
    ).first()
    assert same_lead is not None
    assert reworded_lead is not None

    def report_2025(position: int, organisation, period, results: str) -> ProgressReport:
        assignment, _ = Assignment.objects.get_or_create(
            task=Task.objects.get(plan=old, position=position),
            organisation=organisation,
            defaults={"role": "lead"},
        )
        report = ProgressReport.objects.create(
            period=period,
            assignment=assignment,
            organisation=organisation,
            state="submitted",
            version=2,
            progress="in_progress",
            percent=60,
            results=results,
            difficulties="Thiếu kinh phí",
        )
        ReportVersion.objects.create(report=report, number=1, content=report_content(report))
        return report

    same = report_2025(5, same_lead.organisation, open_2026, "Đã kiểm tra 40 cơ sở")
    reworded = report_2025(0, reworded_lead.organisation, open_2026, "Đã đăng 12 tin bài")
    removed = report_2025(1, same_lead.organisation, open_2026, "Nhiệm vụ đã bỏ ở năm 2026")
    closed = report_2025(5, same_lead.organisation, closed_2025, "Kết quả năm 2025")

    summary = replace_plan(old, new, by=officer)

    assert summary["reports_carried"] == 2
    period_2026 = new.reporting_periods.get(kind="annual", year=2026)
    carried = {
        r.assignment.task.number: r
        for r in ProgressReport.objects.filter(period=period_2026, version__gt=0)
    }
    assert sorted(carried) == ["1.1", "2.4"]
    for number, source in (("2.4", same), ("1.1", reworded)):
        copy = carried[number]
        assert (copy.organisation, copy.state, copy.version, copy.percent, copy.results) == (
            source.organisation,
            "submitted",
            2,
            60,
            source.results,
        )
        assert copy.difficulties == "Thiếu kinh phí"
        assert list(copy.versions.values_list("number", "content")) == [(1, report_content(source))]
        event = AuditEvent.objects.get(action="report.carried_over", target_id=str(copy.pk))
        assert (event.actor, event.data["from_report"], event.data["from_plan"]) == (
            officer,
            source.pk,
            old.pk,
        )
    # The closed 2025 period is not reopened on the new version; nothing else moved.
    assert not new.reporting_periods.filter(year=2025).exists()
    assert not ProgressReport.objects.filter(period__plan=new, results=closed.results).exists()
    assert not ProgressReport.objects.filter(period__plan=new, results=removed.results).exists()
    # The old version keeps every report, readable from its page.
    for report in (same, reworded, removed, closed):
        report.refresh_from_db()
        assert report.period.plan == old
    client.force_login(officer)
    page = client.get(reverse("plans:report_detail", args=[removed.pk]))
    assert page.status_code == 200
    assert "Nhiệm vụ đã bỏ ở năm 2026" in page.content.decode()

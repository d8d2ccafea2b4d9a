"""Reminders with a frozen clock: before, on and after the deadline, escalation, idempotence, digest."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from tdc.plans.models import Notification, ReminderLog
from tdc.plans.services.assignments import assign_plan
from tdc.plans.services.reporting import ReportInput, save_report, submit_report
from tdc.plans.tests.factories import make_plan, report_of

HANOI = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def plan(dost, agency, other_agency, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 1, 8, tzinfo=HANOI), tick=False)
    plan = make_plan(
        dost,
        [
            {"number": "1.1", "content": "Quán triệt Chỉ thị số 38-CT/TW", "leads": [agency]},
            {
                "number": "1.2",
                "content": "Bố trí kinh phí thực hiện",
                "leads": [agency],
                "partners": [other_agency],
            },
        ],
    )
    assign_plan(plan)  # deadline 10/11/2026, reminders from 5 days before, escalation 3 days after
    return plan


@pytest.fixture
def people(reporter, approver, other_reporter):
    return {"reporter": reporter, "approver": approver, "other_reporter": other_reporter}


@pytest.fixture
def run_on(time_machine, django_capture_on_commit_callbacks):
    """Run the daily command on a November 2026 day, as the worker would (e-mails on commit)."""

    def run(day):
        time_machine.move_to(dt.datetime(2026, 11, day, 7, tzinfo=HANOI), tick=False)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("sendplanreminders", stdout=out)
        return out.getvalue()

    return run


def _digests(user):
    return list(Notification.objects.filter(recipient=user, kind="reminder").order_by("pk"))


def test_nobody_is_reminded_before_the_reminder_window(plan, people, run_on, mailoutbox):
    run_on(4)

    assert Notification.objects.count() == 0
    assert mailoutbox == []


def test_five_days_before_each_writer_gets_one_digest_of_everything_due(
    plan, people, run_on, mailoutbox
):
    output = run_on(5)

    (digest,) = _digests(people["reporter"])
    assert digest.title == "Nhắc hạn: 2 báo cáo cần anh/chị xử lý"
    assert digest.body.splitlines() == [
        "- [Sắp đến hạn] Báo cáo năm 2026 · Sở Tài chính · 1.1. Quán triệt Chỉ thị số 38-CT/TW (hạn 10/11/2026)",
        "- [Sắp đến hạn] Báo cáo năm 2026 · Sở Tài chính · 1.2. Bố trí kinh phí thực hiện (hạn 10/11/2026)",
    ]
    assert digest.url == "/ke-hoach/nhiem-vu-cua-toi/"
    assert [n.title for n in _digests(people["other_reporter"])] == [
        "Nhắc hạn: 1 báo cáo cần anh/chị xử lý"
    ]
    assert _digests(people["approver"]) == []
    assert sorted(m.to[0] for m in mailoutbox) == [
        "baocao.taichinh@example.vn",
        "baocao.yte@example.vn",
    ]
    assert mailoutbox[0].subject.startswith("[TĐC] Nhắc hạn:")
    assert "queued as job" in output


def test_running_twice_sends_nothing_twice(plan, people, run_on, mailoutbox):
    run_on(5)
    run_on(5)
    run_on(7)  # still before the deadline: the "before" stage was sent already

    assert len(_digests(people["reporter"])) == 1
    assert len(mailoutbox) == 2
    assert ReminderLog.objects.count() == 3


def test_on_the_day_and_after_the_deadline_the_writers_are_reminded_again(
    plan, people, run_on, mailoutbox
):
    run_on(5)
    run_on(10)
    run_on(11)

    reminders = [n.body.splitlines()[0].split("]")[0] + "]" for n in _digests(people["reporter"])]
    assert reminders == ["- [Sắp đến hạn]", "- [Đến hạn hôm nay]", "- [Quá hạn]"]
    assert _digests(people["approver"]) == []


def test_three_days_after_the_deadline_the_agency_approver_is_told(plan, people, run_on):
    run_on(13)

    (escalation,) = _digests(people["approver"])
    assert escalation.body.splitlines()[0].startswith(
        "- [Báo lãnh đạo đơn vị] Báo cáo năm 2026 · Sở Tài chính"
    )
    assert [n.body.count("[Quá hạn]") for n in _digests(people["reporter"])] == [2]


def test_a_report_already_sent_is_not_reminded(plan, people, agency, other_agency, run_on):
    report = report_of(plan, other_agency)
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=50, results="Đã bố trí"),
        version=0,
        by=people["other_reporter"],
    )
    submit_report(report, version=report.version, by=people["other_reporter"])

    run_on(10)

    assert _digests(people["other_reporter"]) == []
    assert len(_digests(people["reporter"])) == 1


def test_a_report_waiting_for_internal_approval_reminds_the_approver(plan, people, agency, run_on):
    report = report_of(plan, agency, number="1.1")
    report = save_report(
        report,
        data=ReportInput(progress="in_progress", percent=50, results="Đã quán triệt"),
        version=0,
        by=people["reporter"],
    )
    submit_report(
        report, version=report.version, by=people["reporter"]
    )  # Sở Tài chính has an approver

    run_on(10)

    (for_approver,) = _digests(people["approver"])
    assert for_approver.body == (
        "- [Đến hạn hôm nay] Báo cáo năm 2026 · Sở Tài chính · 1.1. Quán triệt Chỉ thị số 38-CT/TW (hạn 10/11/2026)"
    )
    assert _digests(people["reporter"])[0].title == "Nhắc hạn: 1 báo cáo cần anh/chị xử lý"


def test_reminders_are_a_background_job_and_a_closed_plan_reminds_nobody(plan, people, run_on):
    plan.status = "closed"
    plan.save()

    run_on(10)

    assert Notification.objects.count() == 0

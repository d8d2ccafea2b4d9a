"""Reminders before deadlines, escalation to the head after them; never sent twice."""

from __future__ import annotations

import datetime as dt
import io

import time_machine
from django.core.management import call_command

from tdc.accounts.models import Role
from tdc.accounts.tests.factories import UserFactory
from tdc.complaints import jobs, services
from tdc.complaints.models import ReminderLog, Throttle

VN = dt.timezone(dt.timedelta(hours=7))
FRIDAY = dt.datetime(2026, 3, 6, 16, 0, tzinfo=VN)


def _run(day: dt.date) -> str:
    out = io.StringIO()
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 7, tzinfo=VN), tick=False):
        call_command("sendcomplaintreminders", stdout=out)
    return out.getvalue()


def test_reminder_before_the_deadline_then_escalation_to_the_head_each_sent_once(
    submit, officer, dost, django_capture_on_commit_callbacks, mailoutbox
):
    head = UserFactory(username="giamdoc", organisation=dost, roles=[Role.AGENCY_APPROVER])
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint  # acknowledge by Wednesday 11/3
    handlers = sorted([officer.email, head.email])

    with django_capture_on_commit_callbacks(execute=True):
        assert _run(dt.date(2026, 3, 9)).startswith("0 new reminder(s)")  # Monday: not yet
        assert _run(dt.date(2026, 3, 10)).startswith("1 new reminder(s)")  # one working day before
        assert _run(dt.date(2026, 3, 10)).startswith("0 new reminder(s)")  # the same day again
        assert _run(dt.date(2026, 3, 11)).startswith(
            "0 new reminder(s)"
        )  # due day: reminded already
        assert _run(dt.date(2026, 3, 12)).startswith("1 new reminder(s)")  # overdue: escalate
        assert _run(dt.date(2026, 3, 13)).startswith("0 new reminder(s)")

    assert [(m.subject, sorted(m.to)) for m in mailoutbox] == [
        (f"[TĐC] Sắp đến hạn xử lý phản ánh {complaint.reference}", handlers),
        (f"[TĐC] Quá hạn xử lý phản ánh {complaint.reference}", [head.email]),
    ]
    logs = list(ReminderLog.objects.order_by("id").values_list("step", "kind", "due_on"))
    assert logs == [
        ("acknowledge", "reminder", dt.date(2026, 3, 11)),
        ("acknowledge", "escalation", dt.date(2026, 3, 11)),
    ]
    assert ReminderLog.objects.filter(sent_at__isnull=True).count() == 0


def test_a_reminder_job_run_twice_sends_once(submit, officer, mailoutbox):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
    log = ReminderLog.objects.create(
        complaint=complaint,
        step="acknowledge",
        kind="reminder",
        due_on=complaint.acknowledge_due,
        recipients=[officer.pk],
    )

    jobs.send_reminder.enqueue(reminder_id=log.pk)
    jobs.send_reminder.enqueue(reminder_id=log.pk)

    assert len(mailoutbox) == 1


def test_each_step_has_its_own_reminders_and_an_extension_brings_new_ones(
    submit, officer, django_capture_on_commit_callbacks
):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
    with time_machine.travel(dt.datetime(2026, 3, 9, 9, tzinfo=VN), tick=False):
        services.accept_complaint(complaint, by=officer)  # assign by Thursday 12/3
        services.assign_complaint(complaint, to=officer, by=officer)  # conclude by 8/4

    with django_capture_on_commit_callbacks(execute=True):
        _run(dt.date(2026, 4, 7))
        _run(dt.date(2026, 4, 9))

    assert list(ReminderLog.objects.order_by("id").values_list("step", "kind", "recipients")) == [
        ("conclude", "reminder", [officer.pk]),
        ("conclude", "escalation", [officer.pk]),
    ]


def test_an_unsent_reminder_is_queued_again(submit, officer, mailoutbox):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
        ReminderLog.objects.create(
            complaint=complaint,
            step="acknowledge",
            kind="reminder",
            due_on=complaint.acknowledge_due,
            recipients=[officer.pk],
        )

    output = _run(dt.date(2026, 3, 10))

    assert "1 re-queued" in output
    assert len(mailoutbox) == 1


def test_handled_complaints_get_no_reminders(submit, officer):
    with time_machine.travel(FRIDAY, tick=False):
        complaint = submit().complaint
    services.reject_complaint(complaint, reason="out_of_scope", by=officer)

    _run(dt.date(2026, 3, 20))

    assert ReminderLog.objects.count() == 0


def test_the_sweep_prunes_old_throttle_windows(db):
    Throttle.objects.create(
        key="a" * 64, window_start=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), count=3
    )

    assert "1 old throttle window(s) pruned" in _run(dt.date(2026, 3, 10))


def test_the_periodic_job_runs_the_same_sweep(submit):
    with time_machine.travel(FRIDAY, tick=False):
        submit()
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, tzinfo=VN), tick=False):
        result = jobs.send_complaint_reminders.enqueue()

    assert result.return_value == {"created": 1, "resent": 0, "pruned": 0}

from io import StringIO

from django.core.management import call_command

from tdc.core.registry import periodic_jobs


def test_the_scheduler_enqueues_every_registered_reminder_job(db, mailoutbox):
    out = StringIO()

    call_command("runscheduler", "--once", stdout=out)

    names = {job.name for job in periodic_jobs()}
    assert {
        "plans.send_plan_reminders",
        "complaints.send_complaint_reminders",
        "metrology.send_instrument_reminders",
    } <= names
    assert sorted(
        line.removeprefix("enqueued ") for line in out.getvalue().split("\n") if line
    ) == sorted(names)

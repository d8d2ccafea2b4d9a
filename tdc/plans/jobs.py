"""Background jobs of plan execution: thin, keyed by ids, safe to run twice."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from tdc.plans import notifications, reminders


@task()
def send_plan_reminders(*, on: str) -> int:
    """Remind everyone with reports due around `on` (ISO date): one digest per person."""
    return reminders.send_due_reminders(today=dt.date.fromisoformat(on))


@task()
def notify_report_event(*, event_id: int) -> int:
    return notifications.notify_report_event(event_id)


@task()
def notify_explanation(*, explanation_id: int, what: str) -> int:
    return notifications.notify_explanation(explanation_id, what=what)

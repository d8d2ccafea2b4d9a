"""Background jobs of plan execution: thin, keyed by ids, safe to run twice."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

# The services enqueue these jobs, so the jobs import the services only when they run.


@task()
def send_plan_reminders(*, on: str) -> int:
    """Remind everyone with reports due around `on` (ISO date): one digest per person."""
    from tdc.plans.services import reminders

    today = dt.date.fromisoformat(on)
    return reminders.send_due_reminders(today=today) + reminders.send_dost_deadline_reminders(
        today=today
    )


@task()
def notify_report_event(*, event_id: int) -> int:
    from tdc.plans.services import notifications

    return notifications.notify_report_event(event_id)


@task()
def notify_explanation(*, explanation_id: int, what: str) -> int:
    from tdc.plans.services import notifications

    return notifications.notify_explanation(explanation_id, what=what)


@task()
def parse_import_draft(*, draft_id: int) -> str | None:
    """Read an uploaded plan document into its draft's preview (see services.importing)."""
    from tdc.plans.services import importing

    return importing.parse_import_draft(draft_id)


@task()
def requeue_stalled_import_drafts() -> int:
    """Drafts whose worker died while reading them (lease run out) are read again."""
    from tdc.plans.services import importing

    return importing.requeue_stalled_drafts()

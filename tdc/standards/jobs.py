"""Background jobs: thin, safe to run twice (the digest is built once per subscription and day,
and each e-mail is claimed before it is sent)."""

from __future__ import annotations

from django_tasks import task

from tdc.standards.services.alerts import run_daily_digest


@task()
def send_daily_digests() -> dict[str, int]:
    run = run_daily_digest()
    return {"digests": run.digests, "notifications": run.notifications, "emails": run.emails}

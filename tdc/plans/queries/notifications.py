"""Reads about notifications: who is told of what happens to a report, and a person's unread
count."""

from __future__ import annotations

from tdc.accounts.capabilities import Capability, roles_with
from tdc.accounts.models import User
from tdc.plans.models import Notification

# Who is told, by capability. An agency's writers are those who write its reports but neither
# approve them nor manage plans (the DoST's own reports are written by its TĐC officers).
REVIEWERS = roles_with(Capability.REVIEW_REPORTS)
APPROVERS = roles_with(Capability.APPROVE_REPORTS)
AGENCY_MEMBERS = roles_with(Capability.WRITE_REPORTS) - roles_with(Capability.MANAGE_PLANS)
AGENCY_WRITERS = AGENCY_MEMBERS - APPROVERS


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

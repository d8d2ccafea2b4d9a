"""The notifications API (/api/v1/plans/notifications/): the caller's own."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from tdc.plans.access import (
    notifications_visible_to,
)
from tdc.plans.models import Notification

router = Router(tags=["plans"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


@router.get("/notifications/", response=list[NotificationOut])
@paginate
def list_notifications(request: HttpRequest) -> QuerySet[Notification]:
    return notifications_visible_to(request.user)

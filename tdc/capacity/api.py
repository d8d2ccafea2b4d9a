"""The capacity registers over JSON (read-only): the same doors and queries as the pages,
and the figures the plans' targets compute from.

A reporter's commendation carries no recipient but "the reporter (identity protected)": the
identity is not in this app, so no schema here can carry it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from tdc.accounts.capabilities import Capability, can
from tdc.capacity import access
from tdc.capacity.metrics import METRICS
from tdc.capacity.models import Award, Course, Equipment, Event
from tdc.capacity.views.common import PLANS_START, scope_for_user
from tdc.core.metrics import MetricScope

router = Router(tags=["capacity"])

PROTECTED_REPORTER = "Người phản ánh (danh tính được bảo vệ)"


def _require_reader(request: HttpRequest) -> None:
    if not can(request.user, Capability.VIEW_CAPACITY):
        raise HttpError(403, "Bạn không có quyền xem các sổ theo dõi năng lực.")


class CourseOut(Schema):
    id: int
    kind: str
    title: str
    audience: str
    starts_on: dt.date
    ends_on: dt.date
    organiser: str
    participants: int


class EventOut(Schema):
    id: int
    kind: str
    title: str
    held_on: dt.date
    organiser: str
    participants: int


class AwardOut(Schema):
    id: int
    kind: str
    title: str
    decided_on: dt.date
    decision_number: str
    recipient: str
    complaint_reference: str | None


class EquipmentOut(Schema):
    id: int
    name: str
    category: str
    quantity: int
    cost: Decimal
    bought_on: dt.date
    holder: str
    calibration_due_on: dt.date | None


class FigureOut(Schema):
    key: str
    label: str
    unit: str
    value: Decimal | None
    start: dt.date
    end: dt.date


@router.get("/courses", response=list[CourseOut])
@paginate
def list_courses(request: HttpRequest) -> list[dict[str, object]]:
    _require_reader(request)
    courses: list[Course] = list(
        access.courses_visible_to(request.user).prefetch_related("participants")
    )
    return [
        {
            "id": c.pk,
            "kind": c.kind,
            "title": c.title,
            "audience": c.audience,
            "starts_on": c.starts_on,
            "ends_on": c.ends_on,
            "organiser": c.organiser.name,
            "participants": len(c.participants.all()),
        }
        for c in courses
    ]


@router.get("/events", response=list[EventOut])
@paginate
def list_events(request: HttpRequest) -> list[dict[str, object]]:
    _require_reader(request)
    events: list[Event] = list(
        access.events_visible_to(request.user).prefetch_related("attendance")
    )
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "title": e.title,
            "held_on": e.held_on,
            "organiser": e.organiser.name,
            "participants": sum(line.count for line in e.attendance.all()),
        }
        for e in events
    ]


def _recipient(award: Award) -> str:
    if award.kind == Award.Kind.REPORTER:
        return PROTECTED_REPORTER
    names = [award.recipient_organisation.name if award.recipient_organisation else ""]
    names.append(award.recipient_name)
    return ", ".join(n for n in names if n)


@router.get("/awards", response=list[AwardOut])
@paginate
def list_awards(request: HttpRequest) -> list[dict[str, object]]:
    _require_reader(request)
    return [
        {
            "id": a.pk,
            "kind": a.kind,
            "title": a.title,
            "decided_on": a.decided_on,
            "decision_number": a.decision_number,
            "recipient": _recipient(a),
            "complaint_reference": a.complaint.reference if a.complaint else None,
        }
        for a in access.awards_visible_to(request.user)
    ]


@router.get("/equipment", response=list[EquipmentOut])
@paginate
def list_equipment(request: HttpRequest) -> list[dict[str, object]]:
    _require_reader(request)
    items: list[Equipment] = list(access.equipment_visible_to(request.user))
    return [
        {
            "id": i.pk,
            "name": i.name,
            "category": i.category,
            "quantity": i.quantity,
            "cost": i.cost,
            "bought_on": i.bought_on,
            "holder": i.holder.name,
            "calibration_due_on": i.calibration_due_on,
        }
        for i in items
    ]


@router.get("/figures", response=list[FigureOut])
def list_figures(
    request: HttpRequest, start: dt.date = PLANS_START, end: dt.date | None = None
) -> list[dict[str, object]]:
    """Every capacity figure for the caller's province (the country for those who see every
    province), from `start` to `end` (today by default)."""
    _require_reader(request)
    end = end or timezone.localdate()
    if end < start:
        raise HttpError(422, "Ngày kết thúc không được trước ngày bắt đầu.")
    base = scope_for_user(request.user)
    scope = MetricScope(base.province_id, start, end)
    return [
        {
            "key": m.key,
            "label": m.label,
            "unit": m.unit,
            "value": m.compute(scope),
            "start": start,
            "end": end,
        }
        for m in METRICS
    ]

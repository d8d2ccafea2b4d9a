"""Forums and events over JSON: the list (the page's kind filter), recording one, who took
part, what was done, and the agency reports that point at it — the pages' door, forms and
services."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.accounts.models import User
from tdc.capacity import access, services
from tdc.capacity.api.common import RecordId, door, reader, recorder, since, validated
from tdc.capacity.forms import AttendanceCountsForm, EventForm, EventSummaryForm
from tdc.capacity.models import Event, EventAttendance, EventReportLink
from tdc.core.inline_enums import inline_enum
from tdc.plans.access import reports_visible_to

router = Router(tags=["capacity"])

COUNT = Field(default=0, ge=0, le=1_000_000)


class CapacityEventOut(Schema):
    id: int
    kind: str
    yearly_day: str
    title: str
    held_on: dt.date
    place: str
    organiser_id: int
    organiser: str
    participants: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_organiser(obj: Event) -> str:
        return obj.organiser.name

    @staticmethod
    def resolve_participants(obj: Event) -> int:
        total = getattr(obj, "participant_total", None)
        if total is None:
            return sum(line.count for line in obj.attendance.all())
        return int(total)


class CapacityAttendanceLineOut(Schema):
    audience: str
    count: int


class CapacityReportLinkOut(Schema):
    id: int
    event_id: int
    report_id: int
    organisation_id: int
    linked_at: dt.datetime

    @staticmethod
    def resolve_organisation_id(obj: EventReportLink) -> int:
        return obj.report.organisation_id


class CapacityEventDetailOut(CapacityEventOut):
    summary: str
    attendance: list[CapacityAttendanceLineOut]
    report_links: list[CapacityReportLinkOut]
    can_change: bool

    @staticmethod
    def resolve_attendance(obj: Event) -> list[EventAttendance]:
        return list(obj.attendance.all())

    @staticmethod
    def resolve_report_links(obj: Event, context: dict[str, object]) -> list[EventReportLink]:
        """Only the links to reports the caller may see (the plans' door), as on the page."""
        user = context["request"].user  # type: ignore[attr-defined]
        visible = reports_visible_to(user)
        links = obj.report_links.select_related("report").order_by("report_id", "pk")
        return [link for link in links if visible.filter(pk=link.report_id).exists()]

    @staticmethod
    def resolve_can_change(obj: Event, context: dict[str, object]) -> bool:
        return access.can_change_event(context["request"].user, obj)  # type: ignore[attr-defined]


class CapacityEventIn(Schema):
    organiser_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Đơn vị tổ chức; mặc định là cơ quan của người gọi.",
    )
    kind: Annotated[Event.Kind, inline_enum(Event.Kind)] = Event.Kind.FORUM
    title: str = Field(min_length=1, max_length=300)
    held_on: dt.date
    place: str = Field(default="", max_length=300)
    summary: str = Field(default="", max_length=20_000)


class CapacityEventPatch(Schema):
    place: str = Field(default="", max_length=300)
    summary: str = Field(default="", max_length=20_000)


class CapacityAttendanceIn(Schema):
    """How many people of each type took part; this replaces the event's counts (0 or an
    absent type: nobody of that type)."""

    officials: int = COUNT
    commune: int = COUNT
    businesses: int = COUNT
    police: int = COUNT
    military: int = COUNT
    teachers: int = COUNT
    students: int = COUNT
    other: int = COUNT


class CapacityReportLinkIn(Schema):
    report_id: int = Field(ge=1, le=2**31 - 1)


def _with_totals(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(participant_total=Coalesce(Sum("attendance__count"), 0)).order_by(
        "-held_on", "-id"
    )


@router.get("/events", response=list[CapacityEventOut])
@paginate
def list_events(
    request: HttpRequest,
    kind: Annotated[Event.Kind, inline_enum(Event.Kind)] | None = None,
    updated_after: dt.datetime | None = None,
) -> QuerySet[Event]:
    """The events the caller may see, newest first; `kind` as the page's filter."""
    events = since(access.events_visible_to(reader(request)), request, updated_after)
    if kind:
        events = events.filter(kind=kind)
    return _with_totals(events)


@router.post("/events", response={201: CapacityEventDetailOut})
def create_event(request: HttpRequest, payload: CapacityEventIn) -> Status[Event]:
    """A forum, conference, campaign, study tour or delegation (the yearly days are created by
    the system each year: update those)."""
    user = recorder(request)
    values = payload.model_dump()
    values["organiser"] = values.pop("organiser_id") or user.organisation_id
    form = validated(EventForm, values, organisations=access.organisations_for(user))
    return Status(201, services.create_event(by=user, **form.cleaned_data))


@router.get("/events/{pk}", response=CapacityEventDetailOut)
def get_event(request: HttpRequest, pk: RecordId) -> Event:
    return access.get_event_for_user(reader(request), pk)


def _event_to_change(user: User, pk: int) -> Event:
    with door():
        return access.get_event_to_change(user, pk)


@router.patch("/events/{pk}", response=CapacityEventDetailOut)
def update_event(request: HttpRequest, pk: RecordId, payload: CapacityEventPatch) -> Event:
    """What was done and where (for a yearly day, filled in after it took place)."""
    user = recorder(request)
    event = _event_to_change(user, pk)
    form = validated(EventSummaryForm, payload.model_dump())
    return services.update_event(event, by=user, **form.cleaned_data)


@router.put("/events/{pk}/attendance", response=CapacityEventDetailOut)
def set_event_attendance(
    request: HttpRequest, pk: RecordId, payload: CapacityAttendanceIn
) -> Event:
    user = recorder(request)
    event = _event_to_change(user, pk)
    form = validated(AttendanceCountsForm, payload.model_dump())
    services.set_attendance(event, counts=form.counts(), by=user)
    return event


@router.post("/events/{pk}/report-links", response={201: CapacityReportLinkOut})
def link_event_report(
    request: HttpRequest, pk: RecordId, payload: CapacityReportLinkIn
) -> Status[EventReportLink]:
    """Point one of the organiser's progress reports (that the caller may see) at the event."""
    user = recorder(request)
    event = _event_to_change(user, pk)
    reports = reports_visible_to(user).filter(organisation_id=event.organiser_id)
    if not reports.filter(pk=payload.report_id).exists():
        raise ValidationError(_("Hãy chọn một báo cáo của đơn vị tổ chức sự kiện."))
    link = services.link_event_to_report(event, report_id=payload.report_id, by=user)
    return Status(201, link)


@router.delete("/report-links/{pk}", response={204: None})
def unlink_event_report(request: HttpRequest, pk: RecordId) -> Status[None]:
    user = recorder(request)
    with door():
        link = access.get_report_link_to_change(user, pk)
    services.unlink_event_from_report(link, by=user)
    return Status(204, None)

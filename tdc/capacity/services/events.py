"""Writes for forums and events: recording them, who took part, the yearly days created once
a year, and an agency's report pointing at the events it held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, Province, User
from tdc.accounts.queries import dost_of_province
from tdc.capacity.models import Audience, Event, EventAttendance, EventReportLink
from tdc.capacity.services.common import save_new
from tdc.core.audit import record
from tdc.core.text import clean_text

EVENT_FIELDS = ("kind", "title", "held_on", "place", "summary")


@dataclass(frozen=True)
class YearlyDay:
    code: str
    month: int
    day: int
    title: str  # with the year appended


YEARLY_DAYS = (
    YearlyDay(Event.YearlyDay.METROLOGY, 1, 20, "Hưởng ứng Ngày Đo lường Việt Nam 20/01"),
    YearlyDay(Event.YearlyDay.WORLD_STANDARDS, 10, 14, "Hưởng ứng Ngày Tiêu chuẩn Thế giới 14/10"),
)


@transaction.atomic
def create_event(
    *,
    organiser: Organisation,
    kind: str,
    title: str,
    held_on: dt.date,
    place: str = "",
    summary: str = "",
    by: User | None,
) -> Event:
    if organiser.province_id is None:
        raise ValidationError(_("Đơn vị tổ chức phải thuộc một tỉnh."))
    if kind == Event.Kind.YEARLY_DAY:
        raise ValidationError(
            _("Ngày kỷ niệm hằng năm được hệ thống tạo sẵn mỗi năm: hãy cập nhật sự kiện đó.")
        )
    event = Event(
        province_id=organiser.province_id,
        organiser=organiser,
        kind=kind,
        title=clean_text(title, keep_newlines=False).strip(),
        held_on=held_on,
        place=place,
        summary=clean_text(summary),
        created_by=by,
    )
    return save_new(event, by=by, action="event.created", data={"title": event.title})


@transaction.atomic
def update_event(event: Event, *, summary: str, place: str, by: User) -> Event:
    """What was done and where: the part of a yearly day filled in after it took place."""
    from tdc.core.audit import edit_with_audit

    edit_with_audit(
        event,
        by=by,
        fields=("summary", "place"),
        values={"summary": clean_text(summary), "place": place},
        action="event.updated",
    )
    return event


@transaction.atomic
def set_attendance(event: Event, *, counts: dict[str, int], by: User) -> list[EventAttendance]:
    """Replace how many people of each type took part (a count of 0 removes the line)."""
    for audience, count in counts.items():
        if audience not in Audience.values:
            raise ValidationError(_("Đối tượng không hợp lệ."))
        if count < 0:
            raise ValidationError(_("Số người tham dự không được âm."))
    event.attendance.all().delete()
    lines = [
        EventAttendance(event=event, audience=audience, count=count)
        for audience, count in counts.items()
        if count
    ]
    EventAttendance.objects.bulk_create(lines)
    record(actor=by, action="event.attendance_set", target=event, data={"counts": counts})
    return lines


def create_yearly_days(*, year: int, provinces: list[Province] | None = None) -> int:
    """The yearly days of `year` for every province that has a DoST (or those given), each
    once: running this again creates nothing. Returns how many were created."""
    created = 0
    for province in provinces if provinces is not None else list(Province.objects.all()):
        organiser = dost_of_province(province.pk)
        if organiser is None:
            continue
        for day in YEARLY_DAYS:
            held_on = dt.date(year, day.month, day.day)
            if Event.objects.filter(
                province=province, yearly_day=day.code, held_on__year=year
            ).exists():
                continue
            try:
                with transaction.atomic():
                    event = Event(
                        province=province,
                        organiser=organiser,
                        kind=Event.Kind.YEARLY_DAY,
                        yearly_day=day.code,
                        title=f"{day.title} năm {year}",
                        held_on=held_on,
                    )
                    event.save()
                    record(
                        actor=None,
                        action="event.yearly_day_created",
                        target=event,
                        organisation_id=organiser.pk,
                        data={"year": year, "day": day.code},
                    )
            except IntegrityError:
                continue  # another worker created it at the same moment
            created += 1
    return created


@transaction.atomic
def link_event_to_report(event: Event, *, report_id: int, by: User) -> EventReportLink:
    """Point a report at an event its organisation held (checked by the caller's door)."""
    if EventReportLink.objects.filter(event=event, report_id=report_id).exists():
        raise ValidationError(_("Báo cáo này đã nêu sự kiện này."))
    link = EventReportLink(event=event, report_id=report_id, linked_by=by)
    return save_new(link, by=by, action="event.linked_to_report", data={"report": report_id})


@transaction.atomic
def unlink_event_from_report(link: EventReportLink, *, by: User) -> None:
    record(
        actor=by,
        action="event.unlinked_from_report",
        target=link.event,
        data={"report": link.report_id},
    )
    link.delete()

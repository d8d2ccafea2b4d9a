"""Writes for training: courses, sessions, participants (one by one or from an attendance
sheet), and the roster of officials."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tdc.accounts.models import Organisation, User
from tdc.accounts.queries import organisations_of_province
from tdc.capacity.attendance import LIMITS, Row, person_key, read_sheet, tidy_name
from tdc.capacity.models import AttendanceImport, Course, Official, Participant, Session
from tdc.capacity.services.common import save_new
from tdc.core.audit import edit_with_audit, record
from tdc.core.text import clean_text, fold
from tdc.core.uploads import check_upload

COURSE_FIELDS = (
    "kind",
    "title",
    "topic",
    "audience",
    "starts_on",
    "ends_on",
    "place",
    "institution",
    "certificate_months",
)


def _course_search_key(course: Course) -> None:
    course.search_key = fold(
        " ".join((course.title, course.topic, course.place, course.institution))
    )[:700]


@transaction.atomic
def create_course(*, organiser: Organisation, by: User | None, **values: Any) -> Course:
    """Record a course held by `organiser` (its province is the course's)."""
    if organiser.province_id is None:
        raise ValidationError(_("Đơn vị tổ chức phải thuộc một tỉnh."))
    course = Course(
        organiser=organiser,
        province_id=organiser.province_id,
        created_by=by,
        **{name: values[name] for name in COURSE_FIELDS if name in values},
    )
    course.title = clean_text(course.title, keep_newlines=False).strip()
    _course_search_key(course)
    return save_new(course, by=by, action="course.created", data={"title": course.title})


@transaction.atomic
def update_course(course: Course, *, by: User, values: dict[str, Any]) -> Course:
    edit_with_audit(
        course,
        by=by,
        fields=COURSE_FIELDS,
        values=values,
        action="course.updated",
        before_save=_course_search_key,
    )
    return course


@transaction.atomic
def add_session(
    course: Course, *, held_on: dt.date, topic: str, place: str = "", lecturer: str = "", by: User
) -> Session:
    if not course.starts_on <= held_on <= course.ends_on:
        raise ValidationError(
            _("Ngày của buổi học phải trong thời gian của lớp (%(start)s – %(end)s).")
            % {"start": f"{course.starts_on:%d/%m/%Y}", "end": f"{course.ends_on:%d/%m/%Y}"}
        )
    session = Session(course=course, held_on=held_on, topic=topic, place=place, lecturer=lecturer)
    return save_new(session, by=by, action="course.session_added", data={"course": course.pk})


def _organisation_index(province_id: int) -> dict[str, int]:
    """Folded name (and short name) → organisation of the province, for matching sheets."""
    index: dict[str, int] = {}
    for pk, name, short_name in organisations_of_province(province_id).values_list(
        "pk", "name", "short_name"
    ):
        for text in (name, short_name):
            if text:
                index.setdefault(fold(text), pk)
    return index


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (31/01 + 1 month → 28 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:  # a course dated at the end of the calendar: no later day exists
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _expiry(course: Course, row_expiry: dt.date | None, certificate: str) -> dt.date | None:
    if row_expiry is not None or not certificate or not course.certificate_months:
        return row_expiry
    return add_months(course.ends_on, course.certificate_months)


def _participant(course: Course, row: Row, organisations: dict[str, int]) -> Participant:
    name_key = fold(row.full_name)
    organisation_key = fold(row.organisation_name)
    return Participant(
        course=course,
        full_name=row.full_name,
        organisation_name=row.organisation_name,
        organisation_id=organisations.get(organisation_key),
        audience=row.audience,
        position=row.position,
        attended_on=row.attended_on,
        certificate_number=row.certificate_number,
        certificate_expires_on=_expiry(course, row.certificate_expires_on, row.certificate_number),
        name_key=name_key,
        organisation_key=organisation_key,
    )


@transaction.atomic
def add_participant(
    course: Course,
    *,
    full_name: str,
    organisation_name: str,
    audience: str,
    position: str = "",
    certificate_number: str = "",
    certificate_expires_on: dt.date | None = None,
    by: User,
) -> Participant:
    """Add one person; the same organisation and name twice is refused."""
    row = Row(
        number=0,
        full_name=tidy_name(full_name),
        organisation_name=clean_text(organisation_name, keep_newlines=False).strip(),
        audience=audience,
        position=clean_text(position, keep_newlines=False).strip(),
        attended_on=None,
        certificate_number=certificate_number.strip(),
        certificate_expires_on=certificate_expires_on,
    )
    participant = _participant(course, row, _organisation_index(course.province_id))
    return save_new(
        participant, by=by, action="course.participant_added", data={"course": course.pk}
    )


@transaction.atomic
def add_rows(course: Course, *, rows: Sequence[Row], by: User | None) -> list[Participant]:
    """Put already-checked people on a course (the demo, other apps' imports)."""
    organisations = _organisation_index(course.province_id)
    people = Participant.objects.bulk_create(
        [_participant(course, row, organisations) for row in rows]
    )
    record(actor=by, action="course.participants_added", target=course, data={"added": len(people)})
    return people


@transaction.atomic
def remove_participant(participant: Participant, *, by: User) -> None:
    record(
        actor=by,
        action="course.participant_removed",
        target=participant.course,
        data={"participant": participant.pk},
    )
    participant.delete()


@transaction.atomic
def import_attendance(course: Course, *, upload: Any, file_name: str, by: User) -> AttendanceImport:
    """Read an attendance sheet into `course`: every person once (organisation + name), or —
    when any row is wrong — nobody, with the reason for each wrong row kept for the error file.

    A file that cannot be read at all raises ValidationError and leaves no trace.
    """
    check_upload(upload, LIMITS)
    data = upload if isinstance(upload, bytes) else upload.read()
    sheet = read_sheet(
        data, default_audience=course.audience, starts_on=course.starts_on, ends_on=course.ends_on
    )
    if not sheet.rows and not sheet.problems:
        raise ValidationError(_("Bảng tính không có dòng nào ghi tên học viên."))
    problems = [p.as_dict() for p in sheet.problems]
    merged = sum(1 for p in sheet.problems if not p.blocks)
    if sheet.blocked:
        job = AttendanceImport(
            course=course,
            file_name=file_name[:255],
            status=AttendanceImport.Status.REJECTED,
            problems=problems,
            merged=merged,
            created_by=by,
        )
        return save_new(job, by=by, action="course.attendance_rejected", data={"course": course.pk})
    existing = {(o, n) for o, n in course.participants.values_list("organisation_key", "name_key")}
    organisations = _organisation_index(course.province_id)
    new: list[Participant] = []
    for row in sheet.rows:
        if person_key(row.organisation_name, row.full_name) in existing:
            merged += 1
            problems.append(
                {
                    "row": row.number,
                    "name": row.full_name,
                    "organisation": row.organisation_name,
                    "message": _("Đã có trong danh sách lớp: giữ bản ghi đã có."),
                    "blocking": False,
                }
            )
            continue
        new.append(_participant(course, row, organisations))
    Participant.objects.bulk_create(new)
    job = AttendanceImport(
        course=course,
        file_name=file_name[:255],
        status=AttendanceImport.Status.DONE,
        added=len(new),
        merged=merged,
        problems=sorted(problems, key=lambda p: p["row"]),
        created_by=by,
    )
    return save_new(
        job,
        by=by,
        action="course.attendance_imported",
        data={"course": course.pk, "added": len(new)},
    )


@transaction.atomic
def add_official(
    *,
    organisation: Organisation,
    full_name: str,
    position: str = "",
    is_inspector: bool = False,
    by: User | None,
) -> Official:
    """Put a civil servant working on TĐC on the province's roster."""
    if organisation.province_id is None:
        raise ValidationError(_("Cơ quan phải thuộc một tỉnh."))
    name = tidy_name(full_name)
    official = Official(
        province_id=organisation.province_id,
        organisation=organisation,
        full_name=name,
        position=clean_text(position, keep_newlines=False).strip(),
        is_inspector=is_inspector,
        name_key=fold(name),
    )
    return save_new(official, by=by, action="official.added", data={"name": name})


@transaction.atomic
def retire_official(official: Official, *, by: User) -> Official:
    edit_with_audit(
        official,
        by=by,
        fields=("is_active",),
        values={"is_active": False},
        action="official.retired",
    )
    return official

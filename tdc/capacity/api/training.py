"""Training over JSON: courses, their sessions and participants, attendance-sheet imports (the
upload, its counts, its error file), the roster of officials and the inspectors' certificates.
Each route asks the page's capability, the page's door (`access.py`), the page's form and
the page's service."""

import datetime as dt
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from tdc.capacity import access, queries, services
from tdc.capacity.api.common import (
    RecordId,
    door,
    manager,
    reader,
    recorder,
    since,
    validated,
)
from tdc.capacity.exports import attendance_errors_xlsx
from tdc.capacity.forms import (
    AttendanceUploadForm,
    CourseForm,
    OfficialForm,
    ParticipantForm,
    SearchForm,
    SessionForm,
)
from tdc.capacity.models import AttendanceImport, Audience, Course, Official, Participant, Session
from tdc.core.downloads import file_responses
from tdc.core.inline_enums import inline_enum
from tdc.reports.tables import XLSX_CONTENT_TYPE

router = Router(tags=["capacity"])


class CapacityCourseOut(Schema):
    id: int
    kind: str
    title: str
    topic: str
    audience: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    institution: str
    certificate_months: int | None
    organiser_id: int
    organiser: str
    participants: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_organiser(obj: Course) -> str:
        return obj.organiser.name

    @staticmethod
    def resolve_participants(obj: Course) -> int:
        count = getattr(obj, "participant_count", None)
        return obj.participants.count() if count is None else int(count)


class CapacitySessionOut(Schema):
    id: int
    held_on: dt.date
    topic: str
    place: str
    lecturer: str


class CapacityCourseDetailOut(CapacityCourseOut):
    sessions: list[CapacitySessionOut]
    can_change: bool

    @staticmethod
    def resolve_sessions(obj: Course) -> list[Session]:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_can_change(obj: Course, context: dict[str, object]) -> bool:
        request = context["request"]
        return access.can_change_course(request.user, obj)  # type: ignore[attr-defined]


class CapacityCourseIn(Schema):
    organiser_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Đơn vị tổ chức; mặc định là cơ quan của người gọi.",
    )
    kind: Annotated[Course.Kind, inline_enum(Course.Kind)] = Course.Kind.WORKSHOP
    title: str = Field(min_length=1, max_length=300)
    topic: str = Field(default="", max_length=300)
    audience: Audience = Audience.BUSINESSES
    starts_on: dt.date
    ends_on: dt.date
    place: str = Field(default="", max_length=300)
    institution: str = Field(default="", max_length=300)
    certificate_months: int | None = Field(default=None, ge=1, le=600)


class CapacitySessionIn(Schema):
    held_on: dt.date
    topic: str = Field(min_length=1, max_length=300)
    place: str = Field(default="", max_length=300)
    lecturer: str = Field(default="", max_length=200)


class CapacityParticipantOut(Schema):
    id: int
    course_id: int
    full_name: str
    organisation_name: str
    organisation_id: int | None
    audience: str
    position: str
    attended_on: dt.date | None
    certificate_number: str
    certificate_expires_on: dt.date | None


class CapacityParticipantIn(Schema):
    full_name: str = Field(min_length=1, max_length=200)
    organisation_name: str = Field(default="", max_length=300)
    audience: Audience
    position: str = Field(default="", max_length=200)
    certificate_number: str = Field(default="", max_length=60)
    certificate_expires_on: dt.date | None = None


class CapacityImportProblemOut(Schema):
    row: int
    name: str
    organisation: str
    message: str
    blocking: bool


class CapacityAttendanceImportOut(Schema):
    id: int
    course_id: int
    file_name: str
    status: str
    added: int
    merged: int
    rejected: int
    problems: list[CapacityImportProblemOut]
    created_at: dt.datetime

    @staticmethod
    def resolve_rejected(obj: AttendanceImport) -> int:
        return sum(1 for problem in obj.problems if problem.get("blocking"))


class CapacityOfficialOut(Schema):
    id: int
    organisation_id: int
    organisation: str
    full_name: str
    position: str
    is_inspector: bool
    is_active: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Official) -> str:
        return obj.organisation.name


class CapacityOfficialIn(Schema):
    organisation_id: int | None = Field(
        default=None, ge=1, le=2**31 - 1, description="Cơ quan; mặc định là cơ quan của người gọi."
    )
    full_name: str = Field(min_length=1, max_length=200)
    position: str = Field(default="", max_length=200)
    is_inspector: bool = False


class CapacityInspectorOut(Schema):
    official: CapacityOfficialOut
    certificate_number: str
    certificate_course_id: int | None
    expires_on: dt.date | None
    is_valid: bool


# --- Courses ----------------------------------------------------------------------------------


@router.get("/courses", response=list[CapacityCourseOut])
@paginate
def list_courses(
    request: HttpRequest, q: str = "", updated_after: dt.datetime | None = None
) -> QuerySet[Course]:
    """The courses the caller may see, newest first; `q` searches as the page's search box
    (title, topic, place, institution; accents optional)."""
    user = reader(request)
    validated(SearchForm, {"q": q})
    courses = since(access.courses_visible_to(user), request, updated_after)
    if q:
        courses = queries.search_courses(courses, q)
    return queries.with_participant_counts(courses)


@router.post("/courses", response={201: CapacityCourseDetailOut})
def create_course(request: HttpRequest, payload: CapacityCourseIn) -> Status[Course]:
    user = recorder(request)
    values = payload.model_dump()
    values["organiser"] = values.pop("organiser_id") or user.organisation_id
    form = validated(CourseForm, values, organisations=access.organisations_for(user))
    data = dict(form.cleaned_data)
    course = services.create_course(organiser=data.pop("organiser"), by=user, **data)
    return Status(201, course)


@router.get("/courses/{pk}", response=CapacityCourseDetailOut)
def get_course(request: HttpRequest, pk: RecordId) -> Course:
    return access.get_course_for_user(reader(request), pk)


@router.get("/courses/{pk}/participants", response=list[CapacityParticipantOut])
@paginate
def list_course_participants(request: HttpRequest, pk: RecordId) -> QuerySet[Participant]:
    course = access.get_course_for_user(reader(request), pk)
    return course.participants.order_by("full_name", "id")


@router.post("/courses/{pk}/participants", response={201: CapacityParticipantOut})
def add_course_participant(
    request: HttpRequest, pk: RecordId, payload: CapacityParticipantIn
) -> Status[Participant]:
    """One person; the same organisation and name (accents optional) twice is refused."""
    user = recorder(request)
    with door():
        course = access.get_course_to_change(user, pk)
    form = validated(ParticipantForm, payload.model_dump())
    return Status(201, services.add_participant(course, by=user, **form.cleaned_data))


@router.delete("/participants/{pk}", response={204: None})
def remove_course_participant(request: HttpRequest, pk: RecordId) -> Status[None]:
    user = recorder(request)
    with door():
        participant = access.get_participant_to_change(user, pk)
    services.remove_participant(participant, by=user)
    return Status(204, None)


@router.post("/courses/{pk}/sessions", response={201: CapacitySessionOut})
def add_course_session(
    request: HttpRequest, pk: RecordId, payload: CapacitySessionIn
) -> Status[Session]:
    """A day of the course, within the course's dates."""
    user = recorder(request)
    with door():
        course = access.get_course_to_change(user, pk)
    form = validated(SessionForm, payload.model_dump())
    return Status(201, services.add_session(course, by=user, **form.cleaned_data))


# --- Attendance imports -----------------------------------------------------------------------


@router.get("/courses/{pk}/attendance-imports", response=list[CapacityAttendanceImportOut])
@paginate
def list_course_imports(request: HttpRequest, pk: RecordId) -> QuerySet[AttendanceImport]:
    course = access.get_course_for_user(reader(request), pk)
    return course.imports.order_by("-created_at", "-id")


@router.post("/courses/{pk}/attendance-imports", response={201: CapacityAttendanceImportOut})
def import_course_attendance(
    request: HttpRequest, pk: RecordId, file: File[UploadedFile]
) -> Status[AttendanceImport]:
    """Upload an attendance sheet (multipart `file`, .xlsx, at most 2 MB and 5.000 rows, as on
    the page). Every person once, or — when a row is wrong — nobody: `status` is `rejected`
    and `problems` (and the error file) say which rows and why. A file that cannot be read at
    all answers 422 and leaves no trace."""
    user = recorder(request)
    with door():
        course = access.get_course_to_change(user, pk)
    form = validated(AttendanceUploadForm, {}, files={"file": file})
    upload = form.cleaned_data["file"]
    job = services.import_attendance(course, upload=upload, file_name=upload.name, by=user)
    return Status(201, job)


@router.get("/attendance-imports/{pk}", response=CapacityAttendanceImportOut)
def get_attendance_import(request: HttpRequest, pk: RecordId) -> AttendanceImport:
    return access.get_import_for_user(reader(request), pk)


@router.get(
    "/attendance-imports/{pk}/errors",
    openapi_extra=file_responses(
        "The refused and merged rows, each with its reason (XLSX).", XLSX_CONTENT_TYPE
    ),
)
def download_attendance_errors(request: HttpRequest, pk: RecordId) -> HttpResponse:
    job = access.get_import_for_user(reader(request), pk)
    response = HttpResponse(attendance_errors_xlsx(job), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="loi-danh-sach-hoc-vien-{job.pk}.xlsx"'
    return response


# --- Officials --------------------------------------------------------------------------------


@router.get("/officials", response=list[CapacityOfficialOut])
@paginate
def list_officials(
    request: HttpRequest, updated_after: dt.datetime | None = None
) -> QuerySet[Official]:
    """The officials on the roster (those still working), by organisation and name."""
    officials = access.officials_visible_to(reader(request)).filter(is_active=True)
    return since(officials, request, updated_after).order_by("organisation_id", "full_name", "pk")


@router.get("/officials/inspectors", response=list[CapacityInspectorOut])
@paginate
def list_inspectors(request: HttpRequest) -> list[dict[str, object]]:
    """Each inspector with the latest certificate of an inspection course, valid today or not."""
    officials = access.officials_visible_to(reader(request)).filter(is_active=True)
    return [
        {
            "official": row["official"],
            "certificate_number": row["certificate"].certificate_number
            if row["certificate"]
            else "",
            "certificate_course_id": row["certificate"].course_id if row["certificate"] else None,
            "expires_on": row["expires_on"],
            "is_valid": row["is_valid"],
        }
        for row in queries.inspectors_with_certificates(
            officials.order_by("organisation_id", "full_name", "pk"), today=timezone.localdate()
        )
    ]


@router.post("/officials", response={201: CapacityOfficialOut})
def add_official(request: HttpRequest, payload: CapacityOfficialIn) -> Status[Official]:
    user = manager(request)
    values = payload.model_dump()
    values["organisation"] = values.pop("organisation_id") or user.organisation_id
    form = validated(OfficialForm, values, organisations=access.organisations_for(user))
    return Status(201, services.add_official(by=user, **form.cleaned_data))

"""Pages for training: courses, their sessions and participants, attendance imports and the
error file, the roster of officials and inspectors' certificates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, queries, services
from tdc.capacity.exports import attendance_errors_xlsx
from tdc.capacity.forms import (
    AttendanceUploadForm,
    CourseForm,
    OfficialForm,
    ParticipantForm,
    SearchForm,
    SessionForm,
)
from tdc.capacity.models import Course
from tdc.capacity.views.common import attach, page_of
from tdc.reports.tables import XLSX_CONTENT_TYPE


@capability_required(Capability.VIEW_CAPACITY)
def course_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    courses = access.courses_visible_to(request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        courses = queries.search_courses(courses, form.cleaned_data["q"])
    return render(
        request,
        "capacity/course_list.html",
        {
            "form": form,
            "page": page_of(request, queries.with_participant_counts(courses)),
            "can_record": access.can_record(request.user),
        },
    )


@capability_required(Capability.RECORD_OWN_CAPACITY)
def course_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = access.organisations_for(request.user)
    form = CourseForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        organiser = values.pop("organiser")
        try:
            course = services.create_course(organiser=organiser, by=request.user, **values)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi lớp học."))
            return redirect(course)
    return render(
        request, "capacity/form.html", {"form": form, "title": _("Ghi lớp đào tạo, tập huấn")}
    )


def _course_context(
    request: AuthenticatedHttpRequest,
    course: Course,
    *,
    upload_form: AttendanceUploadForm | None = None,
    participant_form: ParticipantForm | None = None,
    session_form: SessionForm | None = None,
) -> dict[str, object]:
    can_change = access.can_change_course(request.user, course)
    return {
        "course": course,
        "sessions": course.sessions.all(),
        "participants": course.participants.select_related("organisation"),
        "imports": course.imports.all()[:5],
        "can_change": can_change,
        "upload_form": upload_form or AttendanceUploadForm(),
        "participant_form": participant_form
        or ParticipantForm(initial={"audience": course.audience}),
        "session_form": session_form or SessionForm(initial={"held_on": course.starts_on}),
    }


@capability_required(Capability.VIEW_CAPACITY)
def course_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = access.get_course_for_user(request.user, pk)
    return render(request, "capacity/course_detail.html", _course_context(request, course))


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def course_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = access.get_course_to_change(request.user, pk)
    form = AttendanceUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_attendance(
                course, upload=upload, file_name=upload.name, by=request.user
            )
        except ValidationError as error:
            attach(form, error)
        else:
            if job.status == job.Status.DONE:
                messages.success(
                    request,
                    _("Đã nhập %(added)s học viên; %(merged)s dòng trùng đã gộp.")
                    % {"added": job.added, "merged": job.merged},
                )
            else:
                messages.error(
                    request,
                    _(
                        "Chưa nhập học viên nào: %(count)s dòng có lỗi. Sửa các dòng này (xem "
                        "tệp lỗi) rồi tải lên lại."
                    )
                    % {"count": sum(1 for p in job.problems if p["blocking"])},
                )
            return redirect(course)
    return render(
        request, "capacity/course_detail.html", _course_context(request, course, upload_form=form)
    )


@capability_required(Capability.VIEW_CAPACITY)
def import_errors(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = access.get_import_for_user(request.user, pk)
    response = HttpResponse(attendance_errors_xlsx(job), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="loi-danh-sach-hoc-vien-{job.pk}.xlsx"'
    return response


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def participant_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = access.get_course_to_change(request.user, pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        try:
            services.add_participant(course, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã thêm học viên."))
            return redirect(course)
    return render(
        request,
        "capacity/course_detail.html",
        _course_context(request, course, participant_form=form),
    )


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def participant_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    participant = access.get_participant_to_change(request.user, pk)
    course = participant.course
    services.remove_participant(participant, by=request.user)
    messages.success(request, _("Đã xoá học viên khỏi danh sách."))
    return redirect(course)


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def session_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    course = access.get_course_to_change(request.user, pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.add_session(course, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã thêm buổi học."))
            return redirect(course)
    return render(
        request, "capacity/course_detail.html", _course_context(request, course, session_form=form)
    )


@capability_required(Capability.VIEW_CAPACITY)
def official_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    officials = access.officials_visible_to(request.user).filter(is_active=True)
    form = None
    if access.can_manage(request.user):
        form = OfficialForm(
            request.POST or None, organisations=access.organisations_for(request.user)
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.add_official(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                attach(form, error)
            else:
                messages.success(request, _("Đã thêm vào danh sách cán bộ."))
                return redirect("capacity:official_list")
    elif request.method == "POST":
        access.require_manager(request.user)
    return render(
        request,
        "capacity/official_list.html",
        {
            "page": page_of(request, officials),
            "inspectors": queries.inspectors_with_certificates(
                officials, today=timezone.localdate()
            ),
            "form": form,
        },
    )

"""Pages for forums and events: the list, recording one, who took part, what was done, and
the reports that point at it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdc.accounts.capabilities import Capability, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.capacity import access, services
from tdc.capacity.forms import AttendanceCountsForm, EventForm, EventSummaryForm, ReportLinkForm
from tdc.capacity.models import Event
from tdc.capacity.views.common import attach, page_of
from tdc.plans.access import reports_visible_to


def _reports_of_organiser(request: AuthenticatedHttpRequest, event: Event) -> list[tuple[int, str]]:
    """The reports of the event's organiser that the user may see (plans' door)."""
    reports = reports_visible_to(request.user).filter(organisation_id=event.organiser_id)
    return [
        (report.pk, f"{report.period} — {report.assignment.task}"[:200])
        for report in reports.order_by("-period__deadline")[:50]
    ]


@capability_required(Capability.VIEW_CAPACITY)
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = access.events_visible_to(request.user)
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    return render(
        request,
        "capacity/event_list.html",
        {
            "page": page_of(request, events),
            "kinds": Event.Kind.choices,
            "kind": kind,
            "can_record": access.can_record(request.user),
        },
    )


@capability_required(Capability.RECORD_OWN_CAPACITY)
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, organisations=access.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã ghi sự kiện."))
            return redirect(event)
    return render(request, "capacity/form.html", {"form": form, "title": _("Ghi sự kiện")})


def _event_context(
    request: AuthenticatedHttpRequest,
    event: Event,
    *,
    counts_form: AttendanceCountsForm | None = None,
    summary_form: EventSummaryForm | None = None,
    link_form: ReportLinkForm | None = None,
) -> dict[str, object]:
    can_change = access.can_change_event(request.user, event)
    visible_reports = reports_visible_to(request.user)
    links = [
        link
        for link in event.report_links.select_related("report", "report__organisation")
        if visible_reports.filter(pk=link.report_id).exists()
    ]
    reports = _reports_of_organiser(request, event) if can_change else []
    return {
        "event": event,
        "attendance": event.attendance.all(),
        "total": sum(line.count for line in event.attendance.all()),
        "links": links,
        "can_change": can_change,
        "counts_form": counts_form
        or AttendanceCountsForm(initial={a.audience: a.count for a in event.attendance.all()}),
        "summary_form": summary_form
        or EventSummaryForm(initial={"place": event.place, "summary": event.summary}),
        "link_form": link_form or (ReportLinkForm(reports=reports) if reports else None),
    }


@capability_required(Capability.VIEW_CAPACITY)
def event_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk)
    return render(request, "capacity/event_detail.html", _event_context(request, event))


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def event_attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_to_change(request.user, pk)
    form = AttendanceCountsForm(request.POST)
    if form.is_valid():
        services.set_attendance(event, counts=form.counts(), by=request.user)
        messages.success(request, _("Đã cập nhật số người tham dự."))
        return redirect(event)
    return render(
        request, "capacity/event_detail.html", _event_context(request, event, counts_form=form)
    )


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def event_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_to_change(request.user, pk)
    form = EventSummaryForm(request.POST)
    if form.is_valid():
        services.update_event(event, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã cập nhật nội dung sự kiện."))
        return redirect(event)
    return render(
        request, "capacity/event_detail.html", _event_context(request, event, summary_form=form)
    )


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def event_link_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = access.get_event_to_change(request.user, pk)
    form = ReportLinkForm(request.POST, reports=_reports_of_organiser(request, event))
    if form.is_valid():
        try:
            services.link_event_to_report(
                event, report_id=int(form.cleaned_data["report"]), by=request.user
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã nêu sự kiện trong báo cáo."))
            return redirect(event)
    return render(
        request, "capacity/event_detail.html", _event_context(request, event, link_form=form)
    )


@require_POST
@capability_required(Capability.RECORD_OWN_CAPACITY)
def event_unlink_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = access.get_report_link_to_change(request.user, pk)
    event = link.event
    services.unlink_event_from_report(link, by=request.user)
    messages.success(request, _("Đã bỏ sự kiện khỏi báo cáo."))
    return redirect(event)

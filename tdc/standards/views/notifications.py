"""TBT notifications: public list and page with the comment countdown; the officers' import
and Vietnamese summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tdc.accounts.capabilities import Capability, can, capability_required
from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.standards import services
from tdc.standards.access import can_manage_standards
from tdc.standards.forms import NotificationFilterForm, SummaryForm, UploadForm
from tdc.standards.models import Notification
from tdc.standards.queries import filter_notifications, related_notifications

MAX_UPLOAD = 30 * 1024 * 1024


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    form = NotificationFilterForm(request.GET)
    values = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    notifications = filter_notifications(
        text=values.get("q", ""),
        member=values.get("member", ""),
        hs=values.get("hs", ""),
        ics=values.get("ics", ""),
        open_only=values.get("open_only", False),
        today=today,
    )
    page = Paginator(notifications, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "standards/notification_list.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "can_manage": can_manage_standards(request.user),
            "can_subscribe": can(request.user, Capability.SUBSCRIBE_TO_ALERTS),
        },
    )


def _detail(request: HttpRequest, notification: Notification, form: SummaryForm) -> HttpResponse:
    return render(
        request,
        "standards/notification_detail.html",
        {
            "notification": notification,
            "related": related_notifications(notification),
            "today": timezone.localdate(),
            "summary_form": form if can_manage_standards(request.user) else None,
        },
    )


@require_GET
def notification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    return _detail(
        request, notification, SummaryForm(initial={"summary_vi": notification.summary_vi})
    )


@require_POST
@capability_required(Capability.MANAGE_STANDARDS)
def notification_summary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            services.write_notification_summary(
                notification, summary=form.cleaned_data["summary_vi"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu tóm tắt."))
            return redirect(notification)
    return _detail(request, notification, form)


@capability_required(Capability.MANAGE_STANDARDS)
def notification_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("Tệp quá lớn. Tối đa 30 MB."))
        else:
            try:
                result = services.import_notifications(
                    upload.read(), filename=upload.name, by=request.user
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                if not result.rejected:
                    messages.success(
                        request,
                        _("Đã nhập %(created)s thông báo mới, cập nhật %(updated)s thông báo.")
                        % {"created": result.created, "updated": result.updated},
                    )
                    return redirect("standards:notification_list")
    return render(request, "standards/notification_import.html", {"form": form, "result": result})

"""The bell: a person's notifications."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from tdc.accounts.http import AuthenticatedHttpRequest
from tdc.plans.access import (
    get_notification_for_user,
    notifications_visible_to,
)
from tdc.plans.queries.notifications import unread_count
from tdc.plans.services import notifications


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        notifications.mark_all_read(request.user)
        return redirect("plans:notification_list")
    page = Paginator(notifications_visible_to(request.user), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/notification_list.html",
        {"page": page, "unread": unread_count(request.user)},
    )


@login_required
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    notifications.mark_read(notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("plans:notification_list")

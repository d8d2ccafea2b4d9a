"""What the traceability API endpoints share: who is calling, what they may do, times."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User


def caller(request: HttpRequest) -> User:
    """The user the token authenticated (`tdc.api.TokenAuth` sets `request.user`)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise HttpError(401, _("Cần đăng nhập."))
    return user


def reader(request: HttpRequest) -> User:
    """Whoever reads the traceability pages: the business, officers, leadership, the Ministry."""
    user = caller(request)
    if not can(user, Capability.QUERY_EPCIS_EVENTS):
        raise HttpError(403, _("Bạn không có quyền xem dữ liệu truy xuất nguồn gốc."))
    return user


def manager(request: HttpRequest) -> User:
    """Only a business manages its own products, places, lots and imports."""
    user = caller(request)
    if not can(user, Capability.MANAGE_TRACEABLE_PRODUCTS):
        raise HttpError(403, _("Chỉ doanh nghiệp mới quản lý sản phẩm, địa điểm và lô hàng."))
    return user


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """A time without an offset is read in the platform's time zone (Vietnam)."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment

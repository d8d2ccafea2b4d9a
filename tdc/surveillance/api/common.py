"""What the surveillance API routes share: who calls, the capability they need, and the door.

A write route opens with one call — `load(request, access.get_x_to_change, pk)` for a record,
`recording(request)` for a new one in the officer's province — which checks, in the pages'
order, the token's user (401), the capability (403), then the door of `access.py` (404 for
"missing" and "not yours" alike, 403 with its Vietnamese reason for "yours to see but not to
change"). The route then calls the page's service; a broken rule (`ValidationError`) is the
API's 422 with the service's Vietnamese message (`tdc.api`), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Literal, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field
from ninja.errors import HttpError

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import Commune, Province, User
from tdc.core.cursor import changed_since
from tdc.surveillance import access
from tdc.surveillance.models import ProductCategory

M = TypeVar("M", bound=Model)

MANAGE = Capability.MANAGE_SURVEILLANCE
APPROVE = Capability.APPROVE_SURVEILLANCE
VIEW = Capability.VIEW_SURVEILLANCE

Line = Field(default="", max_length=300)

# The models' choices as literals, not enums: django-ninja would name an enum's component by
# its class name only ("Status", "Category"), shared with other apps' enums of that name.
# `test_api_planning.py` checks they match the models' choices.
RiskLevelValue = Literal["serious", "high", "medium", "low"]
PlanStatusValue = Literal["draft", "reviewed", "approved"]
PlanReasonValue = Literal["trigger", "score", "random", "added"]
RiskCategoryValue = Literal["A", "B", "C", "D"]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def caller(request: HttpRequest) -> User:
    """The user the token authenticated (`tdc.api.TokenAuth` sets `request.user`)."""
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, _("Cần đăng nhập."))
    return user


@contextmanager
def door() -> Iterator[None]:
    """The door's PermissionDenied as a JSON 403 with its Vietnamese reason."""
    try:
        yield
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or _("Bạn không có quyền làm việc này.")) from None


def need(user: User, capability: Capability) -> None:
    if not can(user, capability):
        raise HttpError(403, _("Bạn không có quyền làm việc này."))


def acting(request: HttpRequest, capability: Capability = MANAGE) -> User:
    """The caller, if they hold `capability` (403 otherwise)."""
    user = caller(request)
    need(user, capability)
    return user


def load(
    request: HttpRequest,
    find: Callable[[User, int], M],
    pk: int,
    *,
    capability: Capability = MANAGE,
) -> tuple[User, M]:
    """A write route's opening: the caller with `capability`, and the record through `find`
    (an `access.get_…_to_change`): 401, 403, then the door's 404 or 403."""
    user = acting(request, capability)
    with door():
        return user, find(user, pk)


def recording(request: HttpRequest) -> tuple[User, Province]:
    """A create route's opening: a recording officer and the province they record in."""
    user = acting(request)
    with door():
        return user, access.managed_province(user)


def reading(request: HttpRequest, find: Callable[[User, int], M], pk: int) -> tuple[User, M]:
    """A detail route of a province-level record, as its page: `VIEW_SURVEILLANCE` (403), then
    the door (404)."""
    user = acting(request, VIEW)
    return user, find(user, pk)


def province_lists(request: HttpRequest) -> User:
    """A list of province-level records (plans, assessments), as its page: officers, the
    leadership, the Ministry and administrators; 403 for a business and everyone else."""
    user = caller(request)
    if not access.can_see_province_records(user):
        raise HttpError(403, _("Bạn không có quyền làm việc này."))
    return user


def since(
    queryset: QuerySet[M], request: HttpRequest, updated_after: dt.datetime | None
) -> QuerySet[M]:
    """Only what changed after `updated_after` (or the `If-Modified-Since` header); a time
    without an offset is the province's local time."""
    moment = changed_since(updated_after, request.headers.get("If-Modified-Since"))
    if moment is None:
        return queryset
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return queryset.filter(updated_at__gt=moment)


def category(code: str) -> ProductCategory:
    return get_object_or_404(ProductCategory, code=code)


def categories(codes: list[str]) -> list[ProductCategory]:
    found = list(ProductCategory.objects.filter(code__in=codes))
    if len(found) != len(set(codes)):
        raise HttpError(422, _("Có mã nhóm sản phẩm không tồn tại."))
    return found


def commune(user: User, commune_id: int | None) -> Commune | None:
    if commune_id is None:
        return None
    with door():
        province = access.managed_province(user)
    return get_object_or_404(Commune, pk=commune_id, province=province)

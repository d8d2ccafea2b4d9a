"""What the capacity API's routes share: the caller, the capabilities the pages ask, the door's
refusals as JSON, the page forms as the one validation of a write, `updated_after`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Path
from ninja.errors import HttpError

from tdc.accounts.capabilities import Capability, can
from tdc.accounts.models import User
from tdc.core.cursor import changed_since

M = TypeVar("M", bound=Model)
F = TypeVar("F", bound=forms.BaseForm)

MAX_ID = 2**31 - 1
RecordId = Annotated[int, Path(ge=1, le=MAX_ID)]

READ_REFUSED = gettext_lazy("Bạn không có quyền xem các sổ theo dõi năng lực.")
RECORD_REFUSED = gettext_lazy("Bạn không có quyền ghi các sổ theo dõi năng lực.")
MANAGE_REFUSED = gettext_lazy("Chỉ Sở Khoa học và Công nghệ được ghi mục này.")


def user_of(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # the token auth answers 401 before this
        raise HttpError(401, _("Cần đăng nhập."))
    return user


def _need(request: HttpRequest, capability: Capability, message: Promise) -> User:
    user = user_of(request)
    if not can(user, capability):
        raise HttpError(403, str(message))
    return user


def reader(request: HttpRequest) -> User:
    """The page's `VIEW_CAPACITY`."""
    return _need(request, Capability.VIEW_CAPACITY, READ_REFUSED)


def recorder(request: HttpRequest) -> User:
    """The page's `RECORD_OWN_CAPACITY` (DoST for its province, an agency for itself)."""
    return _need(request, Capability.RECORD_OWN_CAPACITY, RECORD_REFUSED)


def manager(request: HttpRequest) -> User:
    """The page's `MANAGE_CAPACITY` (DoST)."""
    return _need(request, Capability.MANAGE_CAPACITY, MANAGE_REFUSED)


@contextmanager
def door() -> Iterator[None]:
    """The door's PermissionDenied as a JSON 403 with its Vietnamese reason."""
    try:
        yield
    except PermissionDenied as refused:
        raise HttpError(403, str(refused) or _("Bạn không có quyền làm việc này.")) from None


def _form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def validated(form_class: type[F], payload: dict[str, Any], **kwargs: Any) -> F:
    """Validate `payload` with the page's own form (the same choices from the door, the same
    bounds and cross-field rules); a refusal is a ValidationError (the API's 422) naming each
    field by its Vietnamese label, and nothing is written."""
    form = form_class(data={k: _form_value(v) for k, v in payload.items()}, **kwargs)
    if not form.is_valid():
        messages: list[str] = []
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            label = str(field.label) if field is not None and field.label else ""
            messages.extend(f"{label}: {e}" if label else str(e) for e in errors)
        raise ValidationError(messages)
    return form


def since(
    queryset: QuerySet[M], request: HttpRequest, updated_after: dt.datetime | None
) -> QuerySet[M]:
    """Only what changed after `updated_after` (or the `If-Modified-Since` header)."""
    moment = changed_since(updated_after, request.headers.get("If-Modified-Since"))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # a time without offset is the province's time
    return queryset if moment is None else queryset.filter(updated_at__gt=moment)
